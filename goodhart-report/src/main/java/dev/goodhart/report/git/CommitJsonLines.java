package dev.goodhart.report.git;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.model.git.AiEvidence;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.LineFate;
import dev.goodhart.report.JsonFields;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code goodhart scan --json}: one JSON object per commit and line. Field names are a stable
 * contract: {@code sha, parents, authorEmail, authoredAt, subject, added, deleted, isMerge,
 * aiAgent, aiEvidence, sessionIds, prNumber, revertOf, aliveAtHead, alive7d, alive30d, alive90d,
 * reworked21d}, with goodhart's own beside them.
 */
public final class CommitJsonLines {
  private static final JsonFactory FACTORY = new JsonFactory();

  private CommitJsonLines() {}

  public static void write(List<CommitFact> commits, String repositoryPath, Writer out)
      throws IOException {
    for (CommitFact commit : commits) {
      try (JsonGenerator json = FACTORY.createGenerator(out)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        write(json, commit, repositoryPath);
      }
      out.write('\n');
    }
    out.flush();
  }

  private static void write(JsonGenerator json, CommitFact commit, String repositoryPath)
      throws IOException {
    LineFate fate = commit.fate();
    json.writeStartObject();
    json.writeStringField("sha", commit.sha());
    json.writeArrayFieldStart("parents");
    for (String parent : commit.parents()) {
      json.writeString(parent);
    }
    json.writeEndArray();
    json.writeStringField("authorEmail", commit.authorEmail());
    json.writeStringField("authoredAt", commit.authoredAt().toString());
    json.writeStringField("committedAt", commit.committedAt().toString());
    json.writeStringField("subject", commit.subject());
    json.writeNumberField("added", commit.added());
    json.writeNumberField("deleted", commit.deleted());
    json.writeBooleanField("isMerge", commit.isMerge());
    json.writeBooleanField("onFirstParent", commit.onFirstParentChain());
    JsonFields.text(json, "aiAgent", commit.aiAgent());
    json.writeArrayFieldStart("aiEvidence");
    for (AiEvidence evidence : commit.evidence()) {
      json.writeStartObject();
      json.writeStringField("kind", evidence.kind());
      json.writeStringField("detail", evidence.detail());
      json.writeNumberField("confidence", evidence.confidence());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("sessionIds");
    for (String session : commit.sessionIds()) {
      json.writeString(session);
    }
    json.writeEndArray();
    if (commit.prNumber() == null) {
      json.writeNullField("prNumber");
    } else {
      json.writeNumberField("prNumber", commit.prNumber());
    }
    JsonFields.text(json, "revertOf", commit.revertOf());
    json.writeNumberField("written", fate.written());
    json.writeNumberField("shipped", fate.shipped());
    json.writeNumberField("aliveAtHead", fate.aliveAtHead());
    json.writeNumberField("aiAliveAtHead", fate.aiAliveAtHead());
    JsonFields.number(json, "alive7d", fate.alive7d());
    JsonFields.number(json, "alive30d", fate.alive30d());
    JsonFields.number(json, "alive90d", fate.alive90d());
    JsonFields.number(json, "reworked21d", fate.reworked21d());
    json.writeStringField("repository", repositoryPath);
    json.writeEndObject();
  }
}
