package dev.goodhart.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a protobuf body that failed to parse is damaged: the byte offset and the field path of the
 * innermost message it happened in. Protobuf's own exception tells neither. This walks the wire
 * format along the descriptor again, only after a failure, so a valid body never pays for it.
 */
final class ProtobufDamage {
  /** Protobuf's parsers refuse deeper nesting, so the walk does too. */
  private static final int MAX_DEPTH = 100;

  /** What is wrong, where. */
  record Damage(int offset, String path, String reason) {}

  private ProtobufDamage() {}

  /** The first damage in the body, or null when the walk finds none. */
  static @Nullable Damage find(byte[] body, Descriptor type) {
    return walk(body, 0, body.length, type, new FieldPath(), 0);
  }

  private static @Nullable Damage walk(
      byte[] body, int from, int to, Descriptor type, FieldPath path, int depth) {
    if (depth > MAX_DEPTH) {
      return new Damage(from, path.toString(), "messages nest more than 100 levels deep");
    }
    CodedInputStream in = CodedInputStream.newInstance(body, from, to - from);
    Map<Integer, Integer> seen = new HashMap<>();
    int at = from;
    try {
      while (!in.isAtEnd()) {
        at = from + in.getTotalBytesRead();
        int tag = in.readTag();
        int number = WireFormat.getTagFieldNumber(tag);
        FieldDescriptor field = type.findFieldByNumber(number);
        if (field == null
            || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          if (!in.skipField(tag)) {
            return new Damage(at, path.toString(), "an end-group tag has no start");
          }
          continue;
        }
        int length = in.readRawVarint32();
        int start = from + in.getTotalBytesRead();
        path.push(field.getJsonName());
        if (field.isRepeated()) {
          path.index(seen.merge(number, 1, Integer::sum) - 1);
        }
        if (length < 0 || length > to - start) {
          Damage claim =
              new Damage(
                  at,
                  path.toString(),
                  "a field claims %d bytes where %d remain: the body is cut off or damaged"
                      .formatted(length, to - start));
          if (length < 0 || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return claim;
          }
          // A cut-off body: the innermost message that breaks off tells the sender most.
          Damage inner = walk(body, start, to, field.getMessageType(), path, depth + 1);
          return inner != null ? inner : claim;
        }
        Damage inner = contents(body, start, start + length, field, path, depth);
        if (inner != null) {
          return inner;
        }
        path.pop();
        in.skipRawBytes(length);
      }
    } catch (IOException e) {
      return new Damage(at, path.toString(), reason(e));
    }
    return null;
  }

  private static @Nullable Damage contents(
      byte[] body, int from, int to, FieldDescriptor field, FieldPath path, int depth)
      throws IOException {
    switch (field.getJavaType()) {
      case MESSAGE -> {
        return walk(body, from, to, field.getMessageType(), path, depth + 1);
      }
      case STRING -> {
        if (!ByteString.copyFrom(body, from, to - from).isValidUtf8()) {
          return new Damage(from, path.toString(), "a string is not valid UTF-8");
        }
        return null;
      }
      case BYTE_STRING -> {
        return null;
      }
      default -> {
        // A repeated number in one length-delimited field is packed; a single one sent that way
        // is an unknown field to protobuf, skipped unread.
        return field.isRepeated() ? packed(body, from, to, field, path) : null;
      }
    }
  }

  /** A packed repeated number: whole fixed-size values, or varints that end inside it. */
  private static @Nullable Damage packed(
      byte[] body, int from, int to, FieldDescriptor field, FieldPath path) throws IOException {
    int size =
        switch (field.getType()) {
          case FIXED64, SFIXED64, DOUBLE -> 8;
          case FIXED32, SFIXED32, FLOAT -> 4;
          default -> 0;
        };
    if (size > 0) {
      return (to - from) % size == 0
          ? null
          : new Damage(
              from,
              path.toString(),
              "packed %d-byte numbers take %d bytes".formatted(size, to - from));
    }
    CodedInputStream in = CodedInputStream.newInstance(body, from, to - from);
    while (!in.isAtEnd()) {
      in.readRawVarint64();
    }
    return null;
  }

  private static String reason(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("ended unexpectedly") || message.contains("truncated")) {
      return "it ends in the middle of a field: the body is cut off or damaged";
    }
    if (message.contains("malformed varint")) {
      return "a number (varint) is malformed";
    }
    if (message.contains("invalid tag") || message.contains("zero")) {
      return "a field tag is invalid";
    }
    if (message.contains("invalid wire type")) {
      return "a field has an invalid wire type";
    }
    if (message.contains("negative size")) {
      return "a field claims a negative length";
    }
    return message;
  }
}
