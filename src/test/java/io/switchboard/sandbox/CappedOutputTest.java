package io.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Output held to its cap, and a profile's limits over the defaults. */
class CappedOutputTest {

  @Test
  void outputUnderTheCapIsKeptWhole() {
    CappedOutput output = new CappedOutput(16);
    output.write("hello".getBytes(StandardCharsets.UTF_8));
    output.write(" world".getBytes(StandardCharsets.UTF_8));
    assertThat(output.text()).isEqualTo("hello world");
    assertThat(output.truncated()).isFalse();
  }

  @Test
  void outputOverTheCapKeepsItsHeadAndTailAndSaysHowMuchWasCut() {
    CappedOutput output = new CappedOutput(8);
    for (int i = 0; i < 10; i++) {
      output.write(("chunk" + i + "|").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(output.total()).isEqualTo(70);
    assertThat(output.truncated()).isTrue();
    assertThat(output.text()).isEqualTo("chun\n… 62 bytes cut …\nnk9|");
  }

  @Test
  void aProfilesLimitsOverrideTheDefaultsFieldByField() {
    SandboxLimits own = new SandboxLimits(DataSize.ofMegabytes(512), null, null, Duration.ofSeconds(60), null, null, null, null, null);
    SandboxLimits merged = own.over(SandboxLimits.DEFAULTS);
    assertThat(merged).isEqualTo(new SandboxLimits(DataSize.ofMegabytes(512), 1.0, 64, Duration.ofSeconds(60), DataSize.ofMegabytes(64),
        DataSize.ofKilobytes(16), "none", 8, DataSize.ofMegabytes(1)));
  }

  @Test
  void theWrapperQuotesTheProfilesCommandAndKillsAtTheTimeLimit() {
    SandboxSettings.Profile profile = new SandboxSettings.Profile("img", "python", "main.py", List.of("python3", "-X", "it's", "{file}"), null);
    String wrapper = DockerSandbox.wrapper(profile, SandboxLimits.DEFAULTS);
    assertThat(wrapper).contains("(exec timeout -s KILL 30 'python3' '-X' 'it'\\''s' 'main.py' 2>&3 3>&-); code=$?");
    assertThat(wrapper).contains("unset SB_CODE SB_CODE_FILE SB_FILES");
  }
}
