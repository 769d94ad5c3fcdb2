package io.switchboard.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundGuardTest {

  final OutboundGuard closed = new OutboundGuard(List.of());

  @Test
  void loopbackPrivateLinkLocalAndOtherNonPublicAddressesAreRefused() {
    for (String url : List.of("http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/",
        "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/", "http://240.0.0.1/", "http://2130706433/")) {
      assertThatThrownBy(() -> closed.check(URI.create(url))).as(url)
          .isInstanceOf(OutboundRefusedException.class).hasMessageStartingWith("refused");
    }
  }

  @Test
  void publicAddressesPass() throws Exception {
    assertThat(OutboundGuard.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
    assertThat(OutboundGuard.isPublic(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"))).isTrue();
    assertThatCode(() -> closed.check(URI.create("https://93.184.216.34/feed.xml"))).doesNotThrowAnyException();
  }

  @Test
  void onlyHttpAndHttpsAreFetched() {
    for (String url : List.of("file:///etc/passwd", "ftp://93.184.216.34/x", "jar:file:/x!/y", "gopher://93.184.216.34/")) {
      assertThatThrownBy(() -> closed.check(URI.create(url))).as(url).hasMessageContaining("only http and https");
    }
  }

  @Test
  void theOperatorsAllowListAdmitsRangesHostsAndHostPorts() throws Exception {
    OutboundGuard open = new OutboundGuard(List.of("10.20.0.0/16", "feeds.intranet", "127.0.0.1:9000", "::1"));
    assertThatCode(() -> open.check(URI.create("http://10.20.3.4/feed"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> open.check(URI.create("http://10.21.3.4/feed"))).hasMessageStartingWith("refused");
    assertThatCode(() -> open.check(URI.create("http://feeds.intranet/rss"))).doesNotThrowAnyException();
    assertThatCode(() -> open.check(URI.create("http://127.0.0.1:9000/rss"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> open.check(URI.create("http://127.0.0.1:9001/rss"))).hasMessageStartingWith("refused");
    assertThatCode(() -> open.check(URI.create("http://[::1]:7000/rss"))).doesNotThrowAnyException();
  }

  @Test
  void anUnknownHostIsUnreachableAndMayWorkLater() {
    assertThatThrownBy(() -> closed.check(URI.create("http://no-such-host.invalid/feed")))
        .isInstanceOf(OutboundRefusedException.class).hasMessage("unreachable: the host is unknown")
        .satisfies(e -> assertThat(((OutboundRefusedException) e).transientFailure()).isTrue());
  }
}
