package io.switchboard.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One output stream of a run, held to a cap however much the code writes: the first half of the cap and the last
 * half are kept, and the text says how much was cut between them. Runs that print 10 MB cost the cap, not 10 MB.
 */
final class CappedOutput {

  private final int half;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();
  private final byte[] tail;
  private int tailStart;
  private int tailLength;
  private long total;

  CappedOutput(int cap) {
    this.half = Math.max(1, cap / 2);
    this.tail = new byte[half];
  }

  synchronized void write(byte[] bytes) {
    for (byte b : bytes) {
      total++;
      if (head.size() < half) {
        head.write(b);
      } else {
        tail[(tailStart + tailLength) % half] = b;
        if (tailLength < half) {
          tailLength++;
        } else {
          tailStart = (tailStart + 1) % half;
        }
      }
    }
  }

  synchronized boolean truncated() {
    return total > head.size() + (long) tailLength;
  }

  synchronized long total() {
    return total;
  }

  synchronized String text() {
    byte[] end = new byte[tailLength];
    for (int i = 0; i < tailLength; i++) {
      end[i] = tail[(tailStart + i) % half];
    }
    String start = head.toString(StandardCharsets.UTF_8);
    if (!truncated()) {
      return start + new String(end, StandardCharsets.UTF_8);
    }
    long cut = total - head.size() - tailLength;
    return start + "\n… " + cut + " bytes cut …\n" + new String(end, StandardCharsets.UTF_8);
  }
}
