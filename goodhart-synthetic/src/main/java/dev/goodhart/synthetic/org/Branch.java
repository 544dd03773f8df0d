package dev.goodhart.synthetic.org;

import java.util.TreeMap;

/** A branch of the model: its latest commit and the files at it. */
final class Branch {
  final String name;
  PlannedCommit tip;
  final TreeMap<String, SourceFile> files;

  Branch(String name, PlannedCommit tip, TreeMap<String, SourceFile> files) {
    this.name = name;
    this.tip = tip;
    this.files = files;
  }

  Branch copy(String name) {
    return new Branch(name, tip, new TreeMap<>(files));
  }
}
