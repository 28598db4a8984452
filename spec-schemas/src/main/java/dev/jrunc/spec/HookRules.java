package dev.jrunc.spec;

import java.util.List;

/** Whether every hook names an absolute executable and a sensible timeout. */
final class HookRules {

    private HookRules() {}

    static void check(Hooks hooks, JsonPath at, Problems out) {
        checkList(hooks.prestart(), at.member("prestart"), out);
        checkList(hooks.createRuntime(), at.member("createRuntime"), out);
        checkList(hooks.createContainer(), at.member("createContainer"), out);
        checkList(hooks.startContainer(), at.member("startContainer"), out);
        checkList(hooks.poststart(), at.member("poststart"), out);
        checkList(hooks.poststop(), at.member("poststop"), out);
    }

    private static void checkList(List<Hook> hooks, JsonPath at, Problems out) {
        for (int i = 0; i < hooks.size(); i++) {
            Hook hook = hooks.get(i);
            CommonRules.requireAbsolute(hook.path(), at.index(i).member("path"), out);
            if (hook.timeout() != null && hook.timeout() <= 0) {
                out.add(at.index(i).member("timeout"), "must be greater than 0, got " + hook.timeout());
            }
        }
    }
}
