package io.switchboard.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A run's stdout as the container writes it: the program's output, then, after a boundary line the wrapper prints
 * once the program and everything it started are gone, the files it left in {@code /work} ({@link OutputFiles}).
 * The program's part goes to its capped output; the files' part is held up to its own cap. A program that prints the
 * boundary itself can only hide or fake its own files, which it could write anyway.
 */
final class RunOutput {

  private final byte[] boundary;
  private final CappedOutput program;
  private final int filesCap;
  private final ByteArrayOutputStream files = new ByteArrayOutputStream();
  private boolean filesOverflowed;
  private boolean inFiles;
  /** The end of what came so far that may be the start of the boundary: held back until the next bytes decide. */
  private byte[] pending = new byte[0];

  RunOutput(String boundary, CappedOutput program, int filesCap) {
    this.boundary = ("\n" + boundary + "\n").getBytes(StandardCharsets.US_ASCII);
    this.program = program;
    this.filesCap = filesCap;
  }

  synchronized void write(byte[] chunk) {
    if (inFiles) {
      keepFiles(chunk, 0);
      return;
    }
    byte[] data = new byte[pending.length + chunk.length];
    System.arraycopy(pending, 0, data, 0, pending.length);
    System.arraycopy(chunk, 0, data, pending.length, chunk.length);
    int at = indexOf(data, boundary);
    if (at >= 0) {
      program.write(Arrays.copyOfRange(data, 0, at));
      inFiles = true;
      pending = new byte[0];
      keepFiles(data, at + boundary.length);
      return;
    }
    int held = Math.min(boundary.length - 1, data.length);
    program.write(Arrays.copyOfRange(data, 0, data.length - held));
    pending = Arrays.copyOfRange(data, data.length - held, data.length);
  }

  /** The stream ended: what was held back belongs to the program when no boundary came. */
  synchronized void end() {
    if (!inFiles) {
      program.write(pending);
      pending = new byte[0];
    }
  }

  /** Whether the wrapper got as far as listing the files (not when the run was killed from outside). */
  synchronized boolean filesListed() {
    return inFiles;
  }

  synchronized byte[] files() {
    return files.toByteArray();
  }

  /** More file data came than the files' cap allows: only the program could have written it. */
  synchronized boolean filesOverflowed() {
    return filesOverflowed;
  }

  private void keepFiles(byte[] data, int from) {
    int room = filesCap - files.size();
    int length = data.length - from;
    if (length > room) {
      filesOverflowed = true;
      length = Math.max(0, room);
    }
    files.write(data, from, length);
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
