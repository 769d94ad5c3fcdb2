package io.switchboard.sandbox;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The files a run left in {@code /work}, as the wrapper lists them after the boundary: {@code F <size> <name>} and a
 * line of base64 per returned file, {@code S <size> <name>} for one over the size limit, {@code N <count>} when there
 * were more files than returned. Parsed with the limits applied again, since a program can print such lines itself.
 */
record OutputFiles(List<OutputFile> returned, List<String> notReturned) {

  /** A file the code wrote, returned with the answer. */
  record OutputFile(String name, byte[] content) {}

  static final OutputFiles NONE = new OutputFiles(List.of(), List.of());

  static OutputFiles parse(byte[] listing, boolean overflowed, SandboxLimits limits) {
    List<OutputFile> returned = new ArrayList<>();
    List<String> notReturned = new ArrayList<>();
    long maxSize = limits.outputFileSize().toBytes();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(listing), StandardCharsets.US_ASCII))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] fields = line.split(" ", 3);
        if (fields[0].equals("N") && fields.length == 2) {
          notReturned.add((parseCount(fields[1]) - limits.outputFiles()) + " more files (at most " + limits.outputFiles() + " are returned)");
        } else if (fields[0].equals("S") && fields.length == 3 && SandboxRequest.safeName(fields[2])) {
          notReturned.add(fields[2] + " (" + fields[1] + " bytes, over " + limits.outputFileSize().toKilobytes() + " KiB)");
        } else if (fields[0].equals("F") && fields.length == 3 && SandboxRequest.safeName(fields[2])) {
          String data = lines.readLine();
          byte[] content = decode(data);
          if (content != null && content.length != parseCount(fields[1])) {
            content = null; // cut short: the listing went over its cap
          }
          if (content == null || content.length > maxSize || returned.size() >= limits.outputFiles()) {
            notReturned.add(fields[2] + (content == null ? " (could not be read)" : content.length > maxSize
                ? " (over " + limits.outputFileSize().toKilobytes() + " KiB)" : " (at most " + limits.outputFiles() + " files are returned)"));
          } else {
            returned.add(new OutputFile(fields[2], content));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // reading a byte array does not fail
    }
    if (overflowed) {
      notReturned.add("files beyond " + limits.outputFiles() + " × " + limits.outputFileSize().toKilobytes() + " KiB");
    }
    return new OutputFiles(List.copyOf(returned), List.copyOf(notReturned));
  }

  /** How many bytes of listing the limits allow: every file at its largest, in base64, with its header line. */
  static int cap(SandboxLimits limits) {
    long perFile = limits.outputFileSize().toBytes() * 4 / 3 + 4 + 128;
    return (int) Math.min(Integer.MAX_VALUE - 8, perFile * limits.outputFiles() + 4096);
  }

  private static byte[] decode(String data) {
    try {
      return data == null ? null : Base64.getDecoder().decode(data.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static long parseCount(String count) {
    try {
      return Long.parseLong(count);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
