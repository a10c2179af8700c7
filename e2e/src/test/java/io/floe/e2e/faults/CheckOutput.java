package io.floe.e2e.faults;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code floe check} printed, read as its problems: one line each, {@code <kind>: <file>…}
 * ({@code missing}, {@code unreachable}, {@code orphan}, {@code damaged}, {@code no-table}).
 */
record CheckOutput(List<String> problems) {
  private static final Pattern PROBLEM = Pattern.compile("^(missing|unreachable|orphan|damaged|no-table): (\\S+?):? ");

  CheckOutput {
    problems = List.copyOf(problems);
  }

  static CheckOutput of(String out) {
    return new CheckOutput(out.lines().filter(line -> PROBLEM.matcher(line).find()).toList());
  }

  /** The files of the problems of {@code kind}. */
  Set<String> files(String kind) {
    return problems.stream().map(PROBLEM::matcher).filter(Matcher::find).filter(problem -> problem.group(1).equals(kind))
        .map(problem -> problem.group(2)).collect(Collectors.toSet());
  }
}
