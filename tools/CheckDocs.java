import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documentation check of {@code ./irq4j test}, run by {@code tools/check-docs.sh} as a
 * single-file program ({@code java tools/CheckDocs.java ROOT}). It fails, naming file and line, when
 * <ol>
 * <li>a source or document refers to one of the five WDF reference pages by number ("seed" followed
 *     by a space or hyphen and 000 to 004) instead of naming the WDF function or page;</li>
 * <li>a "SPEC x.y" citation (also "SPEC section x", "SPEC sections 4 and 6", "SPEC 2.3, 2.6 and 3",
 *     "SPEC §2.4") names a section that {@code docs/SPEC.md} has no heading for;</li>
 * <li>a relative link in a Markdown file points to a file or folder that does not exist, or to a
 *     heading anchor ({@code FILE.md#anchor}) that file does not have;</li>
 * <li>a Markdown code block marked {@code <!-- file: PATH -->} (as in the tutorial) differs from
 *     the file it shows, so a snippet cannot drift from the code that is built and run.</li>
 * </ol>
 * {@code --self-test} plants one error of each kind in a temporary tree and checks that each is
 * found, so the check itself cannot silently stop finding anything.
 */
public final class CheckDocs {

    /** Files scanned for (1) and (2), by name ending. */
    private static final List<String> TEXT_ENDINGS = List.of(".java", ".md", ".sh", ".xml", ".properties", ".txt", ".json");
    /** Extensionless scripts that are scanned too. */
    private static final Set<String> SCRIPTS = Set.of("irq4j", "run");
    /** Folders never scanned: build output, VCS data, the launcher's state. */
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", ".irq4j", "node_modules", ".mvn");

    // Built from pieces so that this file does not match its own pattern.
    private static final Pattern PAGE_NUMBER = Pattern.compile("(?i)\\bseed[ -]00[0-4]\\b");
    private static final java.util.Map<String, String> PAGES = java.util.Map.of(
            "000", "the IWDFInterrupt::AcquireInterruptLock page",
            "001", "the WdfInterruptTryToAcquireLock page",
            "002", "the Static Driver Verifier rule WdfInterruptLock",
            "003", "the IWDFInterrupt interface page",
            "004", "the KeAcquireInterruptSpinLock page");
    /** The same reference broken over two lines: "seed" ending one line, the number starting the next. */
    private static final Pattern PAGE_WORD_AT_END = Pattern.compile("(?i)\\bseed[ -]?$");
    private static final Pattern PAGE_NUMBER_AT_START = Pattern.compile("^\\s*(?:\\*\\s*|//\\s*)?(00[0-4])\\b");
    private static final String NUM = "\\d+(?:\\.\\d+)?";
    private static final Pattern CITATION = Pattern.compile(
            "\\bSPEC(?: sections?)? ?§?(" + NUM + ")((?:(?:, ?| and )§?" + NUM + ")*)");
    private static final Pattern LIST_NUMBER = Pattern.compile(NUM);
    private static final Pattern HEADING = Pattern.compile("^#{2,4} (\\d+(?:\\.\\d+)?)\\.? ");
    private static final Pattern FILE_MARK = Pattern.compile("^<!-- file: (\\S+) -->$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private final Path root;
    private final List<String> problems = new ArrayList<>();
    private int files;
    private int citations;
    private int links;
    private int blocks;

    private CheckDocs(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--self-test")) {
            System.exit(selfTest() ? 0 : 1);
        }
        if (args.length != 1) {
            System.err.println("usage: java tools/CheckDocs.java ROOT | --self-test");
            System.exit(2);
        }
        CheckDocs check = new CheckDocs(Path.of(args[0]).toAbsolutePath().normalize());
        check.run();
        check.problems.forEach(System.out::println);
        if (!check.problems.isEmpty()) {
            System.out.println("check-docs: FAILED, " + check.problems.size() + " problem(s) in " + check.files + " files");
            System.exit(1);
        }
        System.out.println("check-docs: OK, " + check.files + " files, " + check.citations + " SPEC citations, "
                + check.links + " relative links, " + check.blocks + " code blocks compared with their files");
    }

    private void run() throws IOException {
        Path spec = root.resolve("docs/SPEC.md");
        Set<String> sections = new TreeSet<>();
        if (Files.isRegularFile(spec)) {
            for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
                Matcher m = HEADING.matcher(line);
                if (m.find()) {
                    sections.add(m.group(1));
                }
            }
        } else {
            problems.add("docs/SPEC.md:1: missing: the behaviour reference every \"SPEC x.y\" citation points into");
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !skipped(p)).filter(Files::isRegularFile).filter(CheckDocs::scanned).sorted().toList();
        }
        for (Path p : paths) {
            checkFile(p, sections);
        }
    }

    private boolean skipped(Path p) {
        for (Path part : root.relativize(p)) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean scanned(Path p) {
        String name = p.getFileName().toString();
        return SCRIPTS.contains(name) || TEXT_ENDINGS.stream().anyMatch(name::endsWith);
    }

    private void checkFile(Path p, Set<String> sections) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return; // not UTF-8 text: not documentation
        }
        files++;
        String rel = root.relativize(p).toString();
        boolean markdown = rel.endsWith(".md");
        boolean inFence = false;
        Path shownFile = null;
        int blockStart = 0;
        List<String> block = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = rel + ":" + (i + 1) + ": ";
            Matcher page = PAGE_NUMBER.matcher(line);
            while (page.find()) {
                String n = page.group().substring(page.group().length() - 3);
                problems.add(where + "'" + page.group() + "': name the WDF page instead (" + n + " = " + PAGES.get(n) + ")");
            }
            if (i + 1 < lines.size() && PAGE_WORD_AT_END.matcher(line).find()) {
                Matcher next = PAGE_NUMBER_AT_START.matcher(lines.get(i + 1));
                if (next.find()) {
                    problems.add(where + "'seed' + '" + next.group(1) + "' across a line break: name the WDF page instead ("
                            + next.group(1) + " = " + PAGES.get(next.group(1)) + ")");
                }
            }
            Matcher cite = CITATION.matcher(line);
            while (cite.find()) {
                List<String> cited = new ArrayList<>();
                cited.add(cite.group(1));
                Matcher more = LIST_NUMBER.matcher(cite.group(2));
                while (more.find()) {
                    cited.add(more.group());
                }
                for (String section : cited) {
                    citations++;
                    if (!sections.contains(section)) {
                        problems.add(where + "'" + cite.group().trim() + "' cites section " + section
                                + ", which docs/SPEC.md has no heading for (it has " + String.join(", ", sections) + ")");
                    }
                }
            }
            if (markdown) {
                if (line.stripLeading().startsWith("```")) {
                    inFence = !inFence;
                    if (inFence && shownFile != null) {
                        block = new ArrayList<>();
                        blockStart = i + 1;
                    } else if (!inFence && block != null) {
                        compareBlock(rel + ":" + blockStart + ": ", shownFile, block);
                        block = null;
                        shownFile = null;
                    }
                    continue;
                }
                if (inFence) {
                    if (block != null) {
                        block.add(line);
                    }
                    continue;
                }
                Matcher mark = FILE_MARK.matcher(line);
                shownFile = mark.matches() ? p.getParent().resolve(mark.group(1)).normalize() : null;
                checkLinks(p, line, where);
            }
        }
    }

    private void checkLinks(Path file, String line, String where) {
        Matcher m = LINK.matcher(stripInlineCode(line));
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue; // a URL (http:, https:, mailto:)
            }
            if (target.startsWith("#")) {
                links++;
                if (!anchorsOf(file).contains(target.substring(1))) {
                    problems.add(where + "link '" + target + "': this file has no heading with that anchor");
                }
                continue;
            }
            int hash = target.indexOf('#');
            String path = hash >= 0 ? target.substring(0, hash) : target;
            if (path.isEmpty()) {
                continue;
            }
            links++;
            Path resolved = (path.startsWith("/") ? root.resolve(path.substring(1)) : file.getParent().resolve(path)).normalize();
            if (!Files.exists(resolved)) {
                problems.add(where + "link '" + target + "' points to " + root.relativize(resolved) + ", which does not exist");
            } else if (hash >= 0 && resolved.toString().endsWith(".md")) {
                String anchor = target.substring(hash + 1);
                Set<String> anchors = anchorsOf(resolved);
                if (!anchors.contains(anchor)) {
                    problems.add(where + "link '" + target + "': " + root.relativize(resolved) + " has no heading with anchor '#" + anchor + "'");
                }
            }
        }
    }

    /** A code block marked with the file it shows must be that file, line for line. */
    private void compareBlock(String where, Path shown, List<String> block) throws IOException {
        blocks++;
        if (!Files.isRegularFile(shown)) {
            problems.add(where + "the code block shows " + root.relativize(shown) + ", which does not exist");
            return;
        }
        List<String> actual = Files.readAllLines(shown, StandardCharsets.UTF_8);
        int n = Math.max(actual.size(), block.size());
        for (int k = 0; k < n; k++) {
            String want = k < actual.size() ? actual.get(k) : "(end of file)";
            String got = k < block.size() ? block.get(k) : "(end of block)";
            if (!want.equals(got)) {
                problems.add(where + "the code block differs from " + root.relativize(shown) + " at its line " + (k + 1)
                        + ": block has '" + got + "', file has '" + want + "'; copy the file into the block");
                return;
            }
        }
    }

    /** The GitHub anchors of a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> anchorsOf(Path md) {
        Set<String> anchors = new TreeSet<>();
        try {
            boolean fence = false;
            for (String line : Files.readAllLines(md, StandardCharsets.UTF_8)) {
                if (line.stripLeading().startsWith("```")) {
                    fence = !fence;
                } else if (!fence && line.startsWith("#")) {
                    String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT);
                    anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    /** Removes `inline code`, where brackets and parentheses are code, not links. */
    private static String stripInlineCode(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }

    /** Plants one error of each kind in a temporary tree and checks that each is reported on its line. */
    private static boolean selfTest() throws IOException {
        Path tmp = Files.createTempDirectory("check-docs-self-test");
        try {
            Files.createDirectories(tmp.resolve("docs"));
            Files.writeString(tmp.resolve("docs/SPEC.md"), "# ref\n\n## 2. Two\n\n### 2.4 Lock\n");
            Files.writeString(tmp.resolve("A.java"), "/** SPEC 2.4, fine. */\n/** SPEC 2.5 is not there. */\n/** as seed" + " 001 shows */\n/** falling back, as in the seed\n * 002 rule */\n");
            Files.writeString(tmp.resolve("README.md"), "[ok](docs/SPEC.md#24-lock) [bad](docs/missing.md) `[code](nowhere.md)`"
                    + " [gone](docs/SPEC.md#25-dpc)\n"
                    + "<!-- file: A.java -->\n```java\n/** SPEC 2.4, fine. */\n/** SPEC 2.4 drifted. */\n```\n");
            CheckDocs check = new CheckDocs(tmp);
            check.run();
            List<String> expected = List.of("A.java:2: 'SPEC 2.5", "A.java:3: 'seed" + " 001'", "A.java:4: 'seed' + '002' across",
                    "README.md:1: link 'docs/missing.md'", "README.md:1: link 'docs/SPEC.md#25-dpc'",
                    "README.md:3: the code block differs from A.java at its line 2");
            boolean ok = check.problems.size() == expected.size();
            for (String e : expected) {
                ok &= check.problems.stream().anyMatch(p -> p.startsWith(e));
            }
            if (!ok) {
                System.out.println("check-docs self-test FAILED: expected problems starting with " + expected + ", got " + check.problems);
                return false;
            }
            System.out.println("check-docs self-test: OK (found the planted SPEC citation, page number, broken link and anchor, and drifted code block)");
            return true;
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
