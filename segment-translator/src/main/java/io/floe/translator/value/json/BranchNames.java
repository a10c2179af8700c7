package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The field names of a union's branches, as for Avro unions named for their types: a branch's
 * {@code type} ({@code string}, {@code integer}, {@code object}, …), the last segment of its
 * {@code $ref} ({@code #/definitions/Money} is {@code Money}), {@code enum} for an enum or const,
 * {@code json} for anything else. A name two branches share takes {@code _} and the branch's
 * position among them, counted from 1.
 */
final class BranchNames {
  private BranchNames() {}

  static List<String> of(List<JsonNode> branches) {
    List<String> names = branches.stream().map(BranchNames::nameOf).toList();
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(name -> counts.merge(name, 1, Integer::sum));
    Map<String, Integer> seen = new HashMap<>();
    List<String> unique = new ArrayList<>(names.size());
    for (String name : names) {
      unique.add(counts.get(name) == 1 ? name : name + "_" + seen.merge(name, 1, Integer::sum));
    }
    return unique;
  }

  private static String nameOf(JsonNode branch) {
    if (branch.path("$ref").isTextual()) {
      String ref = branch.get("$ref").textValue();
      String last = ref.substring(ref.lastIndexOf('/') + 1);
      return last.isEmpty() ? "json" : last.replaceAll("[^A-Za-z0-9_]", "_");
    }
    if (branch.path("type").isTextual()) {
      return branch.get("type").textValue();
    }
    if (branch.has("enum") || branch.has("const")) {
      return "enum";
    }
    return "json";
  }
}
