package io.github.irq4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The example project of docs/testing-drivers.md (package com.example.sensor), run as the guide
 * says: the first test finds the race, the seed replays it exactly (by -Dirq4j.seed and by
 * {@code @Replay}), the fixed driver passes every seed; and every Java snippet of the guide is in
 * those files, so the guide shows only code that compiled and ran.
 */
class TestingDriversGuideTest {

    /** The seed the guide shows; if exploration finds another, the guide and SensorDriverReplayTest must be updated. */
    static final long GUIDE_SEED = 9;

    private static final String BROKEN = "com.example.sensor.SensorDriverTest";

    @Test
    void theFirstTestFindsTheRaceWithItsSeedAndInterleaving() {
        EngineExecutionResults r = Kits.run(BROKEN);
        List<Throwable> failures = Kits.failures(r);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(ExplorationFailure.class);
        ExplorationFailure f = (ExplorationFailure) failures.get(0);
        assertThat(f.seed()).as("the seed docs/testing-drivers.md shows").isEqualTo(GUIDE_SEED);
        List<String> expectedNames = new ArrayList<>();
        for (long s = 1; s <= GUIDE_SEED; s++) {
            expectedNames.add("seed " + s);
        }
        assertThat(Kits.names(r)).as("each seed is its own test; the first failure stops the exploration").isEqualTo(expectedNames);
        assertThat(f.getMessage())
                .startsWith("seed " + GUIDE_SEED + " failed: org.opentest4j.AssertionFailedError: [samples delivered, in order, exactly once]")
                .contains("seeds 1.." + (GUIDE_SEED - 1) + " passed; seeds " + (GUIDE_SEED + 1) + "..200 not run (stopAtFirstFailure)")
                .contains("@Replay(seed = " + GUIDE_SEED + ")", "-Dirq4j.seed=" + GUIDE_SEED)
                .containsPattern("during 'action read#\\d': at sensor0\\.regs\\+0x4 \\(write\\) ran isr irq4j-isr-sensor0\\.pic");
        assertThat(f.getCause()).isInstanceOf(AssertionError.class);
        assertThat(f.interleaving().preemptions()).anyMatch(p -> p.contains("(write) ran isr"));
    }

    @Test
    void theSeedReplaysTheSameInterleavingBothWays() {
        ExplorationFailure found = (ExplorationFailure) Kits.failures(Kits.run(BROKEN)).get(0);

        EngineExecutionResults bySeed = Kits.run(BROKEN, DriverTestExtension.SEED_PARAMETER, Long.toString(found.seed()));
        assertThat(Kits.names(bySeed)).containsExactly("seed " + found.seed() + " (irq4j.seed)");
        ExplorationFailure again = (ExplorationFailure) Kits.failures(bySeed).get(0);
        assertThat(again.interleaving().trace()).isEqualTo(found.interleaving().trace());
        assertThat(again.getCause()).hasMessage(found.getCause().getMessage());

        EngineExecutionResults byReplay = Kits.run("com.example.sensor.SensorDriverReplayTest");
        assertThat(Kits.names(byReplay)).containsExactly("replay seed " + GUIDE_SEED);
        ExplorationFailure replayed = (ExplorationFailure) Kits.failures(byReplay).get(0);
        assertThat(replayed.interleaving().trace()).isEqualTo(found.interleaving().trace());
        assertThat(replayed.getCause()).hasMessage(found.getCause().getMessage());
    }

    @Test
    void theFixedDriverPassesEverySeed() {
        EngineExecutionResults r = Kits.run("com.example.sensor.FixedSensorDriverTest");
        r.testEvents().assertStatistics(s -> s.started(200).succeeded(200).failed(0));
        assertThat(Kits.fingerprints(r)).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void theFailureTheGuideShowsIsTheOneTheRunReports() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "testing-drivers.md"));
        Matcher m = Pattern.compile("```text\\n(seed .*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(m.find()).as("the guide's failure message block").isTrue();
        List<String> actual = Kits.failures(Kits.run(BROKEN)).get(0).getMessage().lines().map(String::stripTrailing).toList();
        List<String> shown = m.group(1).lines().map(String::stripTrailing).toList();
        assertThat(actual).as("the failure message, line by line, as the guide shows it").isEqualTo(shown);
    }

    @Test
    void everyJavaSnippetOfTheGuideIsInTheExampleProject() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "testing-drivers.md"));
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java", "com", "example"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                sources.append(Files.readString(p)).append('\n');
            }
        }
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        int snippets = 0;
        while (m.find()) {
            snippets++;
            String snippet = m.group(1);
            assertThat(sources.toString()).as("guide snippet %d is in src/test/java/com/example:%n%s", snippets, snippet).contains(snippet);
        }
        assertThat(snippets).as("Java snippets in the guide").isGreaterThanOrEqualTo(4);
    }
}
