package io.floe.translator.value.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * The outline of one JSON object document: the kind of each of its parts and the names of its
 * properties, in text order, without their values. The inference reads a document into an outline
 * first and widens its parts from the outline only once the whole text has parsed, so that text
 * that is no JSON document has no part in the schema; reading tokens without building a tree keeps
 * that first pass cheap. A property written twice is outlined with each of its values.
 *
 * <p>One outline is reused for every document of an upload, on one thread.
 */
final class DocumentOutline {
  /** What an outline entry is: a part of a kind, or the end of the object or array opened before. */
  enum Entry {
    NULL, BOOLEAN, INTEGER, NUMBER, STRING, TEXT, OBJECT, ARRAY, PROPERTY, END
  }

  private static final JsonFactory PARSERS = new JsonFactory();

  private Entry[] entries = new Entry[256];
  private String[] names = new String[256];
  private int size;
  private int next;

  /**
   * Outlines {@code document} if it is one JSON object and nothing after it, containers
   * {@code maxDepth} levels below it or deeper outlined as {@link Entry#TEXT}; false otherwise.
   */
  boolean read(byte[] document, int maxDepth) {
    size = 0;
    next = 0;
    try (JsonParser parser = PARSERS.createParser(document)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      readValue(parser, 0, maxDepth);
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Outlines the value the parser is at, found {@code depth} levels below the document. */
  private void readValue(JsonParser parser, int depth, int maxDepth) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT, START_ARRAY -> {
        if (depth >= maxDepth) {
          add(Entry.TEXT, null);
          parser.skipChildren();
          return;
        }
        add(token == JsonToken.START_OBJECT ? Entry.OBJECT : Entry.ARRAY, null);
        JsonToken inner;
        while ((inner = parser.nextToken()) != JsonToken.END_OBJECT && inner != JsonToken.END_ARRAY) {
          if (inner == JsonToken.FIELD_NAME) {
            add(Entry.PROPERTY, parser.currentName());
            parser.nextToken();
          }
          readValue(parser, depth + 1, maxDepth);
        }
        add(Entry.END, null);
      }
      case VALUE_NULL -> add(Entry.NULL, null);
      case VALUE_TRUE, VALUE_FALSE -> add(Entry.BOOLEAN, null);
      // An integer beyond a long goes to a double column: typed when the double keeps it.
      case VALUE_NUMBER_INT -> add(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Entry.NUMBER
          : Entry.INTEGER, null);
      case VALUE_NUMBER_FLOAT -> add(Entry.NUMBER, null);
      case VALUE_STRING -> add(Entry.STRING, null);
      default -> throw new IOException("Cannot outline JSON token " + token);
    }
  }

  private void add(Entry entry, String name) {
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, size * 2);
      names = Arrays.copyOf(names, size * 2);
    }
    entries[size] = entry;
    names[size++] = name;
  }

  /** The entry the replay is at. */
  Entry entry() {
    return entries[next];
  }

  /** The name of the property the replay is at. */
  String name() {
    return names[next];
  }

  /** Moves the replay to the next entry. */
  void advance() {
    next++;
  }

  /** Moves the replay past the part it is at, and everything in it. */
  void skipPart() {
    int open = 0;
    do {
      Entry entry = entries[next++];
      if (entry == Entry.OBJECT || entry == Entry.ARRAY) {
        open++;
      } else if (entry == Entry.END) {
        open--;
      }
    } while (open > 0);
  }
}
