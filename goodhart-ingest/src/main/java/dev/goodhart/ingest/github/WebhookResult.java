package dev.goodhart.ingest.github;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.delivery.DeliveryBatch;

/**
 * What a GitHub delivery amounts to: facts to store, or a well-formed delivery of something
 * goodhart does not read. A server answers both with success (GitHub retries nothing that
 * succeeded, and an ignored event is no error of the sender); only a payload that cannot be read is
 * a {@link dev.goodhart.ingest.WebhookPayloadException}.
 */
public sealed interface WebhookResult {
  /**
   * Facts to store, all or none. A {@code ping} gives an empty batch: the hook works, nothing is
   * stored.
   */
  record Accepted(DeliveryBatch batch) implements WebhookResult {
    public Accepted {
      requireNonNull(batch, "batch is null");
    }
  }

  /**
   * A delivery goodhart does not read: another event, or an action of a read event that carries
   * nothing goodhart keeps.
   *
   * @param event the {@code X-GitHub-Event} header as received
   * @param reason a sentence for the response and the log: {@code goodhart reads no GitHub "issues"
   *     events}
   */
  record Ignored(String event, String reason) implements WebhookResult {
    public Ignored {
      requireNonNull(event, "event is null");
      requireNonNull(reason, "reason is null");
    }
  }
}
