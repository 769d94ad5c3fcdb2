package io.switchboard.files;

/** A stored file as a reply names it: its name, its type, the hash its bytes are stored under, and its size. */
public record FileRef(String name, String mimeType, String sha256, long size) {}
