package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The relative links of the user-facing documents resolve: the file exists, and a {@code #fragment} names a heading
 * of it (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered). Code blocks are
 * skipped. README is at most about 300 lines.
 */
class DocLinksTest {
    static final List<String> DOCUMENTS = List.of(
            "README.md",
            "docs/contract.md",
            "docs/benchmarks.md",
            "docs/sizing.md",
            "docs/runbook.md",
            "k8s/README-deploy.md",
            "DESIGN.md",
            "realtime-collector/DESIGN-collector.md",
            "batch-merger/DESIGN-merger.md",
            "backfill-loader/DESIGN-backfill.md");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkResolvesToAFileAndAHeading() {
        List<String> broken = new ArrayList<>();
        for (String doc : DOCUMENTS) {
            Path from = RepoFiles.path(doc);
            for (String target : links(RepoFiles.read(doc))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved =
                        file.isEmpty() ? from : from.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(read(resolved)).contains(target.substring(hash + 1))) {
                    broken.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsFollowGitHubsRule() {
        assertEquals(
                Set.of("changing-a-lakes-settings", "_lease-merge-leases", "a-stuck-lease-_lease", "x", "x-1"),
                anchors("## Changing a lake's settings\n### `_lease/`: merge leases\n### A stuck lease (`_lease/`)\n"
                        + "# x\n```\n# not a heading\n```\n## x\n"));
    }

    @Test
    void theReadmeIsAGuideOfAtMostAbout300Lines() {
        long lines = RepoFiles.read("README.md").lines().count();
        assertTrue(lines <= 320, "README.md has " + lines + " lines; details belong in docs/");
    }

    /** Link targets outside code blocks. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        for (String line : prose(markdown)) {
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives the headings outside code blocks. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = m.group(1)
                        .trim()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    private static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.split("\n")) {
            if (line.stripLeading().startsWith("```")) {
                code = !code;
            } else if (!code) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.isDirectory(file) ? "" : Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
