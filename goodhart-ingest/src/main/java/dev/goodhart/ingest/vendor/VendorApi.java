package dev.goodhart.ingest.vendor;

import dev.goodhart.ingest.forge.RemoteApi;
import dev.goodhart.model.billing.Vendor;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's API that reports its bills: where it is, how its key authenticates, and which of its
 * reports an import reads, each from a day on. The import itself ({@link VendorApiImporter}) is the
 * same for every vendor.
 */
public interface VendorApi extends RemoteApi {
  Vendor vendor();

  URI defaultApiUrl();

  @Override
  default String credential() {
    return "key";
  }

  @Override
  default String credentialOption() {
    return "--key-file";
  }

  /**
   * Null when the scope suits this API, else what is wrong: Copilot's reports are an organisation's
   * or an enterprise's ({@code org:NAME}, {@code enterprise:NAME}), the others' are the key's own
   * (no scope).
   */
  default @Nullable String checkScope(@Nullable String scope) {
    return scope == null
        ? null
        : "%s's reports are those of the key's organisation; --org and --enterprise are for copilot"
            .formatted(vendor().title());
  }

  /** What a {@code 404} to the first request of a report most likely means, as a clause. */
  String notFound();

  /** The reports an import reads, for the scope. */
  List<ApiReport> reports(URI apiUrl, @Nullable String scope);
}
