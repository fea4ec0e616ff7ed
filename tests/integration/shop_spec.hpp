// The spec the provisioning acceptance tests share: a shop domain with a public, a protected
// (granted) and a private topic, and a consuming domain that needs only its owner ACLs.
#pragma once

#include <string>
#include <vector>

namespace specmesh::itest {

/// The spec of the shop domain used by most tests: a public, a protected (with grants) and a
/// private channel.
struct ShopSpec {
  int orders_partitions = 3;
  std::string orders_retention = "3600000";
  std::string orders_cleanup = "delete";
  std::vector<std::string> payments_grants{"acme.finance"};
  std::string cart_retention = "86400000";
  std::string cart_cleanup; ///< cleanup.policy of the cart topic, if set

  std::string yaml(const std::string& domain) const {
    std::string tags;
    for (const std::string& grant : payments_grants) {
      tags += "        - name: \"grant-access:" + grant + "\"\n";
    }
    return "asyncapi: 2.5.0\n"
           "id: 'urn:"
           + domain
           + "'\n"
             "info: {title: itest, version: 1.0.0}\n"
             "channels:\n"
             "  _public.orders:\n"
             "    bindings:\n"
             "      kafka:\n"
             "        partitions: "
           + std::to_string(orders_partitions)
           + "\n"
             "        configs:\n"
             "          retention.ms: '"
           + orders_retention
           + "'\n"
             "          cleanup.policy: '"
           + orders_cleanup
           + "'\n"
             "    publish:\n"
             "      operationId: publishOrders\n"
             "  _protected.payments:\n"
             "    bindings:\n"
             "      kafka:\n"
             "        partitions: 2\n"
             "    publish:\n"
             "      operationId: publishPayments\n"
           + (tags.empty() ? "      tags: []\n" : "      tags:\n" + tags)
           + "  _private.cart:\n"
             "    bindings:\n"
             "      kafka:\n"
             "        configs:\n"
             "          retention.ms: '"
           + cart_retention + "'\n"
           + (cart_cleanup.empty() ? "" : "          cleanup.policy: '" + cart_cleanup + "'\n")
           + "    publish:\n"
             "      operationId: publishCart\n";
  }
};

/// A consuming domain's own spec: it only needs its owner ACLs (GROUP etc.).
inline std::string consumer_spec(const std::string& domain) {
  return "asyncapi: 2.5.0\n"
         "id: 'urn:"
         + domain
         + "'\n"
           "channels:\n"
           "  _private.state:\n"
           "    bindings: {kafka: {}}\n"
           "    publish: {operationId: state}\n";
}

inline std::string orders(const std::string& domain) {
  return domain + "._public.orders";
}
inline std::string payments(const std::string& domain) {
  return domain + "._protected.payments";
}
inline std::string cart(const std::string& domain) {
  return domain + "._private.cart";
}

} // namespace specmesh::itest
