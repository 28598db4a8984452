package dev.jrunc.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems the validation rules find, in the order they are found. */
final class Problems {

    private final List<SpecProblem> found = new ArrayList<>();

    void add(JsonPath at, String reason) {
        found.add(new SpecProblem(at.toString(), reason));
    }

    /** The reason used for every integer that lies outside its declared width. */
    static String outOfRange(String got, String min, String max) {
        return "expected an integer in " + min + ".." + max + ", got " + got;
    }

    List<SpecProblem> list() {
        return List.copyOf(found);
    }
}
