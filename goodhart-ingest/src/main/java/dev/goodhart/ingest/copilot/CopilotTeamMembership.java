package dev.goodhart.ingest.copilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReport;
import dev.goodhart.model.billing.Vendor;

/**
 * A row of a Copilot {@code user-teams-1-day} report: which team a user was in that day. It holds
 * no usage and no money; it is recognised so that it is passed over rather than reported as
 * unreadable.
 */
public final class CopilotTeamMembership extends VendorReport {
  public CopilotTeamMembership() {
    super(Vendor.COPILOT, "user_teams", "Copilot team membership");
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.isObject() && value.has("team_id") && value.has("slug") && value.has("day");
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    page.ignore("team membership rows hold no usage");
  }
}
