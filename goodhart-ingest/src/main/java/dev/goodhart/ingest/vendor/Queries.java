package dev.goodhart.ingest.vendor;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Addresses of report requests, as the vendors' APIs page them. */
public final class Queries {
  private Queries() {}

  /** The API's address without a trailing slash, for paths to follow it. */
  public static String base(URI apiUrl) {
    String url = apiUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A query parameter's value, encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The same address asking for the page the vendor's token names, in place of any other. */
  public static URI withPage(URI uri, String token) {
    String text = uri.toString();
    int question = text.indexOf('?');
    List<String> kept = new ArrayList<>();
    if (question >= 0) {
      for (String part : text.substring(question + 1).split("&")) {
        if (!part.startsWith("page=") && !part.isEmpty()) {
          kept.add(part);
        }
      }
    }
    kept.add("page=" + encode(token));
    return URI.create(
        (question < 0 ? text : text.substring(0, question)) + "?" + String.join("&", kept));
  }
}
