package dev.goodhart.ingest.copilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReport;
import dev.goodhart.model.billing.Vendor;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What GitHub answers to a request for a Copilot usage metrics report: not the report, but signed
 * links to its NDJSON files, valid for minutes ({@code {"download_links": [...], "report_day":
 * ...}}). An API import downloads them; a saved copy is only links, which the import says.
 */
public final class CopilotReportLinks extends VendorReport {
  public CopilotReportLinks() {
    super(Vendor.COPILOT, "usage_metrics_links", "Copilot usage metrics download links");
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.isObject() && value.has("download_links");
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    JsonNode links = value.path("download_links");
    if (!page.fromApi()) {
      page.problem(
          "the links to a Copilot usage metrics report, not the report: download the NDJSON files"
              + " it lists (the links expire within minutes) and import those, or import with"
              + " --from-api copilot");
      return;
    }
    if (!links.isArray()) {
      page.problem("download_links is not a list of links");
      return;
    }
    for (int i = 0; i < links.size(); i++) {
      JsonNode link = links.get(i);
      try {
        URI uri = link.isTextual() ? new URI(link.textValue()) : null;
        String scheme = uri == null ? null : uri.getScheme();
        if (uri == null
            || uri.getHost() == null
            || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
          page.problem("download_links[%d] is not an http(s) link".formatted(i));
        } else {
          page.download(uri);
        }
      } catch (URISyntaxException e) {
        page.problem("download_links[%d] is not a link".formatted(i));
      }
    }
  }
}
