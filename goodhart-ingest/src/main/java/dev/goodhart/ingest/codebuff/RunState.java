package dev.goodhart.ingest.codebuff;

import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.JsonRecords;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The run state a Codebuff message keeps: {@code sessionState.mainAgentState.messageHistory[]}.
 * Requests routed through another provider leave their usage only there, in the {@code
 * providerOptions} of the history's assistant entries; the last such entry is the message's.
 */
final class RunState {
  private RunState() {}

  /** The usage of the last assistant entry of the history that has tokens or a model. */
  static @Nullable CodebuffUsage lastAssistantUsage(JsonParser parser, String path)
      throws IOException, BadRecordException {
    CodebuffUsage last = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("sessionState") && JsonRecords.object(parser, path + ".sessionState")) {
        last = inObject(parser, path + ".sessionState", "mainAgentState");
      } else {
        parser.skipChildren();
      }
    }
    return last;
  }

  private static @Nullable CodebuffUsage inObject(JsonParser parser, String path, String wanted)
      throws IOException, BadRecordException {
    CodebuffUsage last = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      String at = path + "." + field;
      if (field.equals(wanted)
          && wanted.equals("mainAgentState")
          && JsonRecords.object(parser, at)) {
        last = inObject(parser, at, "messageHistory");
      } else if (field.equals(wanted)
          && wanted.equals("messageHistory")
          && JsonRecords.array(parser, at)) {
        last = history(parser, at);
      } else {
        parser.skipChildren();
      }
    }
    return last;
  }

  private static @Nullable CodebuffUsage history(JsonParser parser, String path)
      throws IOException, BadRecordException {
    CodebuffUsage last = null;
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      String at = path + "[" + index++ + "]";
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      CodebuffUsage usage = entry(parser, at);
      if (usage != null && (usage.hasTokens() || usage.model != null)) {
        last = usage;
      }
    }
    return last;
  }

  /**
   * An entry's usage when it is an assistant's: {@code providerOptions.usage} or {@code .codebuff}.
   */
  private static @Nullable CodebuffUsage entry(JsonParser parser, String path)
      throws IOException, BadRecordException {
    String role = null;
    CodebuffUsage usage = null;
    CodebuffUsage codebuff = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      String at = path + "." + field;
      if (field.equals("role") && value == JsonToken.VALUE_STRING) {
        role = text(parser, at);
      } else if (field.equals("providerOptions") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String option = parser.currentName();
          JsonToken optionValue = parser.nextToken();
          String optionAt = at + "." + option;
          if (option.equals("usage") && optionValue == JsonToken.START_OBJECT) {
            usage = CodebuffUsage.read(parser, optionAt);
          } else if (option.equals("codebuff") && optionValue == JsonToken.START_OBJECT) {
            codebuff = CodebuffChatParser.readCodebuff(parser, optionAt);
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    if (!"assistant".equals(role)) {
      return null;
    }
    if (usage != null && usage.hasTokens()) {
      if (usage.model == null && codebuff != null) {
        usage.model = codebuff.model;
      }
      return usage;
    }
    return codebuff != null ? codebuff : usage;
  }
}
