package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.billing.Vendor;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The vendors' APIs on the class path, registered in {@code META-INF/services}, by vendor. */
public final class VendorApis {
  private final Map<Vendor, VendorApi> apis;

  private VendorApis(Map<Vendor, VendorApi> apis) {
    this.apis = apis;
  }

  public static VendorApis load() {
    Map<Vendor, VendorApi> apis = new EnumMap<>(Vendor.class);
    for (VendorApi api : ServiceLoader.load(VendorApi.class, VendorApis.class.getClassLoader())) {
      VendorApi previous = apis.putIfAbsent(api.vendor(), api);
      if (previous != null) {
        throw new IllegalStateException(
            "two APIs for %s: %s and %s"
                .formatted(api.vendor(), previous.getClass().getName(), api.getClass().getName()));
      }
    }
    return new VendorApis(apis);
  }

  public Optional<VendorApi> get(Vendor vendor) {
    return Optional.ofNullable(apis.get(requireNonNull(vendor, "vendor is null")));
  }
}
