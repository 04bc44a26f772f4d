package io.fmslake.backfill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of the backfill image, read from its Dockerfile's exec-form {@code ENTRYPOINT}: everything between
 * {@code java} and {@code -jar}, without {@code -XX:MaxRAMPercentage} (the benchmark sets {@code -Xmx}). So the
 * benchmark measures what the image runs.
 */
final class ImageFlags {
    private ImageFlags() {}

    static String of(Path dockerfile) throws IOException {
        String line = Files.readAllLines(dockerfile).stream()
                .filter(l -> l.startsWith("ENTRYPOINT "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no ENTRYPOINT in " + dockerfile));
        String[] words = new ObjectMapper().readValue(line.substring("ENTRYPOINT ".length()), String[].class);
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < words.length && !words[i].equals("-jar"); i++) {
            if (!words[i].startsWith("-XX:MaxRAMPercentage")) {
                flags.add(words[i]);
            }
        }
        return String.join(" ", flags);
    }
}
