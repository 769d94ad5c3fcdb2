package io.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The container's stdout split into the program's output and the listing of its files, however the frames fall. */
class RunOutputTest {

  static final String BOUNDARY = "--switchboard-files-test--";

  @Test
  void theBoundaryIsFoundWhereverTheFramesSplitIt() {
    String stream = "result: 42" + "\n" + BOUNDARY + "\n" + "F 2 a.txt\n" + b64("hi") + "\n";
    for (int cut = 1; cut < stream.length(); cut++) {
      CappedOutput program = new CappedOutput(1024);
      RunOutput output = new RunOutput(BOUNDARY, program, 4096);
      output.write(stream.substring(0, cut).getBytes(StandardCharsets.US_ASCII));
      output.write(stream.substring(cut).getBytes(StandardCharsets.US_ASCII));
      output.end();
      assertThat(program.text()).as("cut at %d", cut).isEqualTo("result: 42");
      assertThat(OutputFiles.parse(output.files(), output.filesOverflowed(), SandboxLimits.DEFAULTS).returned())
          .singleElement().satisfies(file -> assertThat(new String(file.content())).isEqualTo("hi"));
    }
  }

  @Test
  void withoutABoundaryEverythingIsTheProgramsOutput() {
    CappedOutput program = new CappedOutput(1024);
    RunOutput output = new RunOutput(BOUNDARY, program, 4096);
    output.write("no newline at the end, killed before the listing: --switch".getBytes(StandardCharsets.US_ASCII));
    output.end();
    assertThat(program.text()).isEqualTo("no newline at the end, killed before the listing: --switch");
    assertThat(output.filesListed()).isFalse();
  }

  @Test
  void aListingTheProgramForgesIsHeldToTheLimitsAndItsCap() {
    SandboxLimits limits = SandboxLimits.DEFAULTS;
    StringBuilder listing = new StringBuilder("F 3 ../../etc/passwd\n" + b64("bad") + "\n"); // not a plain name: skipped
    listing.append("F 99 short.txt\n").append(b64("says 99, has 7")).append("\n"); // the size does not match: not read
    listing.append("F 2 ok.txt\n").append(b64("ok")).append("\n");
    RunOutput output = new RunOutput(BOUNDARY, new CappedOutput(1024), 64);
    output.write(("\n" + BOUNDARY + "\n" + listing).getBytes(StandardCharsets.US_ASCII));
    output.end();
    assertThat(output.filesOverflowed()).isTrue(); // 64 bytes of listing at most
    OutputFiles files = OutputFiles.parse(output.files(), output.filesOverflowed(), limits);
    assertThat(files.returned()).isEmpty();
    assertThat(files.notReturned()).contains("short.txt (could not be read)");

    OutputFiles uncapped = OutputFiles.parse(listing.toString().getBytes(StandardCharsets.US_ASCII), false, limits);
    assertThat(uncapped.returned()).extracting(OutputFiles.OutputFile::name).containsExactly("ok.txt");
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
