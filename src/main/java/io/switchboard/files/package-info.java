/**
 * Files Switchboard hands out: stored once by content hash in the shared database (a sandbox run's outputs), and
 * served by links that carry their own signature and expiry, so a platform or a browser can fetch them without
 * an account, and nobody can fetch a file no link was made for.
 */
package io.switchboard.files;
