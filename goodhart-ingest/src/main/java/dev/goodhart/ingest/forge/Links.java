package dev.goodhart.ingest.forge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Pagination as forges spell it: the {@code Link} header's {@code rel="next"} and {@code
 * rel="last"} (GitHub, GitLab), else GitLab's {@code X-Next-Page}.
 */
final class Links {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^,;]+)*)");
  private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]*)\"?");
  private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)(?:&|$)");

  private Links() {}

  /** The address a {@code Link} header gives for the relation, or null. */
  static @Nullable URI relation(@Nullable String header, String relation) {
    if (header == null) {
      return null;
    }
    Matcher link = LINK.matcher(header);
    while (link.find()) {
      Matcher rel = REL.matcher(link.group(2));
      while (rel.find()) {
        for (String name : rel.group(1).trim().split("\\s+")) {
          if (name.toLowerCase(Locale.ROOT).equals(relation)) {
            try {
              return new URI(link.group(1).trim());
            } catch (URISyntaxException e) {
              return null;
            }
          }
        }
      }
    }
    return null;
  }

  /** The page number of an address's {@code page} parameter, or 0. */
  static long page(@Nullable URI uri) {
    if (uri == null || uri.getRawQuery() == null) {
      return 0;
    }
    Matcher page = PAGE.matcher(uri.getRawQuery());
    return page.find() ? parse(page.group(1)) : 0;
  }

  /**
   * The address with its {@code page} parameter set: GitLab's {@code X-Next-Page} gives a number.
   */
  static URI withPage(URI uri, long page) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String rest =
        String.join(
            "&",
            java.util.Arrays.stream(query.split("&"))
                .filter(part -> !part.isEmpty() && !part.startsWith("page="))
                .toList());
    String newQuery = (rest.isEmpty() ? "" : rest + "&") + "page=" + page;
    String base = uri.toString();
    int question = base.indexOf('?');
    return URI.create((question < 0 ? base : base.substring(0, question)) + "?" + newQuery);
  }

  /**
   * Whether a request to {@code target} may carry the token meant for {@code origin}: same scheme,
   * host and port.
   */
  static boolean sameOrigin(URI origin, URI target) {
    return origin.getScheme() != null
        && origin.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme()))
        && origin.getHost() != null
        && origin.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
        && port(origin) == port(target);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  static long parse(String digits) {
    try {
      return Long.parseLong(digits.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
