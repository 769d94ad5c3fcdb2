package io.switchboard.tool;

/** A tool's refusal or failure, worded for the model (it may try otherwise); never a stack trace. */
public class ToolFailure extends Exception {

  public ToolFailure(String reason) {
    super(reason);
  }
}
