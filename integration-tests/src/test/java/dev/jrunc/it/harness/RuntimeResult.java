package dev.jrunc.it.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one runtime invocation: the command's result plus the lines it appended to the
 * {@code --log} file.
 *
 * @param command  exit code and captured stdio
 * @param logLines the lines this invocation added to the log file
 */
public record RuntimeResult(CommandResult command, List<String> logLines) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public int exitCode() {
        return command.exitCode();
    }

    public String stdout() {
        return command.stdout();
    }

    public String stderr() {
        return command.stderr();
    }

    /** The {@code msg} of every log line with {@code "level":"error"}. */
    public List<String> logErrorMessages() {
        List<String> messages = new ArrayList<>();
        for (String line : logLines) {
            JsonNode entry = parseOrNull(line);
            if (entry != null && "error".equals(entry.path("level").asText()) && entry.path("msg").isTextual()) {
                messages.add(entry.path("msg").asText());
            }
        }
        return messages;
    }

    /** Whether stderr or an error line of the log contains {@code phrase}, ignoring case. */
    public boolean mentions(String phrase) {
        String wanted = phrase.toLowerCase(Locale.ROOT);
        return stderr().toLowerCase(Locale.ROOT).contains(wanted)
                || logErrorMessages().stream().anyMatch(msg -> msg.toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** A multi-line summary for assertion messages. */
    public String describe() {
        return command.describe() + "\n  log: " + String.join("\n       ", logLines);
    }

    private static JsonNode parseOrNull(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
