package dev.plume.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class Utf8Test {

  @Property
  void matchesStringGetBytes(@ForAll String s) {
    assertEncodesLikeTheJdk(s);
  }

  @Example
  void handlesSurrogatePairsAndUnpairedSurrogatesLikeTheJdk() {
    assertEncodesLikeTheJdk("a\uD83D\uDE00b");
    assertEncodesLikeTheJdk("\uD83D");
    assertEncodesLikeTheJdk("x\uDE00\uD83Dy");
    assertEncodesLikeTheJdk("é€\u07FF\u0800");
  }

  private static void assertEncodesLikeTheJdk(String s) {
    byte[] expected = s.getBytes(StandardCharsets.UTF_8);
    byte[] actual = new byte[expected.length + 8];

    int end = Utf8.encode(s, actual, 3);

    assertThat(Utf8.encodedLength(s)).isEqualTo(expected.length);
    assertThat(end - 3).isEqualTo(expected.length);
    assertThat(Arrays.copyOfRange(actual, 3, end)).isEqualTo(expected);
  }
}
