package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.Pseudonyms;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a log record, as the {@code machineId} of the facts it becomes. OTLP has no machine (the
 * organisation's collector sees many), so the id names the person where the exporter did: {@code
 * person:} and the pseudonym of their e-mail address. Without one (API-key and Bedrock users of
 * Claude Code have no account) it names the installation, {@code otlp:} and a keyed hash of its
 * anonymous id; without that too, {@value #UNKNOWN}.
 */
public final class OtlpIdentity {
  /** The machine of facts whose exporter sent neither a person nor an installation id. */
  public static final String UNKNOWN = "otlp:unknown";

  private static final String PERSON = "person:";
  private static final String INSTALLATION = "otlp:";

  /**
   * The attributes that identify a person, an account or an installation. Facts keep none of them
   * as they are: a person is kept only as a pseudonym.
   */
  static final Set<String> IDENTITY_KEYS =
      Set.of(
          "user.email",
          "enduser.id",
          "user.account_uuid",
          "user.account_id",
          "user.id",
          "installation.id",
          "organization.id");

  private OtlpIdentity() {}

  /**
   * The machine id of facts: the person's if known, else the installation's.
   *
   * @param person the person as the exporter named them ({@code user.email}, else {@code
   *     enduser.id}), or null
   * @param installation an anonymous id of the installation or account ({@code user.id}, {@code
   *     installation.id}, {@code user.account_uuid}), or null
   */
  public static String machineIdOf(
      Pseudonyms pseudonyms, @Nullable String person, @Nullable String installation) {
    requireNonNull(pseudonyms, "pseudonyms is null");
    if (person != null && !person.isBlank()) {
      return PERSON + pseudonyms.of(person);
    }
    if (installation != null && !installation.isBlank()) {
      // Keyed like a person: an account uuid is as linkable to a person as an address is.
      return INSTALLATION + pseudonyms.of("installation:" + installation).substring(2);
    }
    return UNKNOWN;
  }

  /** The pseudonym of the person a machine id names; empty for an installation or unknown. */
  public static Optional<String> personOf(String machineId) {
    requireNonNull(machineId, "machineId is null");
    return machineId.startsWith(PERSON) && machineId.length() > PERSON.length()
        ? Optional.of(machineId.substring(PERSON.length()))
        : Optional.empty();
  }

  /** The person of a record or point: {@code user.email}, else {@code enduser.id}. */
  static @Nullable String person(OtlpAttributes attributes) {
    return attributes.text("user.email", "enduser.id");
  }

  static String machineIdOf(Pseudonyms pseudonyms, OtlpAttributes attributes) {
    return machineIdOf(
        pseudonyms,
        person(attributes),
        attributes.text("user.id", "installation.id", "user.account_uuid"));
  }
}
