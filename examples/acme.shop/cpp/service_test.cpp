// The acme.shop service test: what a product team writes to check its service against the
// topics, schemas and ACLs its spec gets. specmesh::testing provisions the example's spec (and
// a finance spec that only gives acme.finance its consumer-group ACLs) into the local Kafka +
// schema registry; the tests then act as the environment's users:
//   - acme.shop publishes a schema-registered Avro Order (Confluent wire format: magic byte 0,
//     4-byte big-endian schema id, Avro binary) to its public orders topic;
//   - acme.finance and acme.shop read it back and decode it;
//   - acme.finance may read the protected payments topic, acme.stranger is refused.
#include <specmesh/registry/connect.hpp>
#include <specmesh/testing/gtest.hpp>

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <nlohmann/json.hpp>

#include <array>
#include <avro.h>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ClientConfig = std::map<std::string, std::string>;

const std::string k_example_dir = ACME_SHOP_DIR;
const std::string k_orders = "acme.shop._public.orders";
const std::string k_payments = "acme.shop._protected.payments";

// One environment for the whole program: provisioned before the first test, cleaned up after
// the last (only what it created: a quick-start provisioning of acme.shop stays as it was).
// acme.finance and acme.stranger get their domains' own ACLs (consumer groups on their prefix).
auto* const g_acme = dynamic_cast<specmesh::testing::GTestEnvironment*>(
    ::testing::AddGlobalTestEnvironment(new specmesh::testing::GTestEnvironment(
        {{k_example_dir + "/acme.shop-api.yaml", k_example_dir + "/schemas"},
         {k_example_dir + "/cpp/acme.finance-api.yaml"},
         {k_example_dir + "/cpp/acme.stranger-api.yaml"}})));

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string random_suffix() {
  static std::mt19937_64 generator{std::random_device{}()};
  return std::to_string(generator() % 1000000000U);
}

// ------------------------------------------------------------------------------------------
// Avro with avro-c (Debian's libavro-dev)
// ------------------------------------------------------------------------------------------

/// The Order record as the service sees it.
struct Order {
  std::string id;
  std::string customer_id;
  struct Item {
    std::string sku;
    std::int32_t quantity = 0;
    std::int64_t unit_price_cents = 0;

    friend bool operator==(const Item&, const Item&) = default;
  };
  std::vector<Item> items;
  std::int64_t placed_at = 0;

  friend bool operator==(const Order&, const Order&) = default;
};

void check_avro(int status, const char* what) {
  if (status != 0) {
    throw std::runtime_error(std::string(what) + ": " + avro_strerror());
  }
}

/// Encodes and decodes Orders with the writer schema built from the example's schema files.
/// avro-c cannot resolve a named type from another file, so acme.shop.Item is inlined into
/// Order's `items` (the registry holds the same schema with Item as a reference).
class OrderCodec {
public:
  OrderCodec() {
    nlohmann::json order =
        nlohmann::json::parse(read_file(k_example_dir + "/schemas/acme.shop.Order.avsc"));
    const nlohmann::json item =
        nlohmann::json::parse(read_file(k_example_dir + "/schemas/acme.shop.Item.avsc"));
    for (nlohmann::json& field : order.at("fields")) {
      if (field.at("name") == "items") {
        field["type"]["items"] = item;
      }
    }
    const std::string text = order.dump();
    check_avro(avro_schema_from_json_length(text.c_str(), text.size(), &m_schema), "Order schema");
    m_class = avro_generic_class_from_schema(m_schema);
  }
  ~OrderCodec() {
    avro_value_iface_decref(m_class);
    avro_schema_decref(m_schema);
  }
  OrderCodec(const OrderCodec&) = delete;
  OrderCodec& operator=(const OrderCodec&) = delete;

  /// The Avro binary encoding of `order`.
  std::string encode(const Order& order) const {
    avro_value_t value;
    check_avro(avro_generic_value_new(m_class, &value), "new Order value");
    avro_value_t field;
    avro_value_get_by_name(&value, "id", &field, nullptr);
    avro_value_set_string(&field, order.id.c_str());
    avro_value_get_by_name(&value, "customer_id", &field, nullptr);
    avro_value_set_string(&field, order.customer_id.c_str());
    avro_value_t items;
    avro_value_get_by_name(&value, "items", &items, nullptr);
    for (const Order::Item& item : order.items) {
      avro_value_t element;
      avro_value_append(&items, &element, nullptr);
      avro_value_get_by_name(&element, "sku", &field, nullptr);
      avro_value_set_string(&field, item.sku.c_str());
      avro_value_get_by_name(&element, "quantity", &field, nullptr);
      avro_value_set_int(&field, item.quantity);
      avro_value_get_by_name(&element, "unit_price_cents", &field, nullptr);
      avro_value_set_long(&field, item.unit_price_cents);
    }
    avro_value_get_by_name(&value, "placed_at", &field, nullptr);
    avro_value_set_long(&field, order.placed_at);
    std::size_t size = 0;
    check_avro(avro_value_sizeof(&value, &size), "size of Order");
    std::string bytes(size, '\0');
    avro_writer_t writer = avro_writer_memory(bytes.data(), static_cast<int64_t>(size));
    const int written = avro_value_write(writer, &value);
    avro_writer_free(writer);
    avro_value_decref(&value);
    check_avro(written, "encode Order");
    return bytes;
  }

  /// The Order encoded in `bytes` (Avro binary, no framing).
  Order decode(const std::string& bytes) const {
    avro_value_t value;
    check_avro(avro_generic_value_new(m_class, &value), "new Order value");
    avro_reader_t reader = avro_reader_memory(bytes.data(), static_cast<int64_t>(bytes.size()));
    const int read = avro_value_read(reader, &value);
    avro_reader_free(reader);
    if (read != 0) {
      avro_value_decref(&value);
      check_avro(read, "decode Order");
    }
    Order order;
    avro_value_t field;
    avro_value_get_by_name(&value, "id", &field, nullptr);
    order.id = string_of(field);
    avro_value_get_by_name(&value, "customer_id", &field, nullptr);
    order.customer_id = string_of(field);
    avro_value_t items;
    avro_value_get_by_name(&value, "items", &items, nullptr);
    std::size_t count = 0;
    avro_value_get_size(&items, &count);
    for (std::size_t i = 0; i < count; ++i) {
      avro_value_t element;
      avro_value_get_by_index(&items, i, &element, nullptr);
      Order::Item item;
      avro_value_get_by_name(&element, "sku", &field, nullptr);
      item.sku = string_of(field);
      avro_value_get_by_name(&element, "quantity", &field, nullptr);
      avro_value_get_int(&field, &item.quantity);
      avro_value_get_by_name(&element, "unit_price_cents", &field, nullptr);
      avro_value_get_long(&field, &item.unit_price_cents);
      order.items.push_back(item);
    }
    avro_value_get_by_name(&value, "placed_at", &field, nullptr);
    avro_value_get_long(&field, &order.placed_at);
    avro_value_decref(&value);
    return order;
  }

private:
  static std::string string_of(avro_value_t& field) {
    const char* text = nullptr;
    std::size_t size = 0; // includes the terminating NUL
    avro_value_get_string(&field, &text, &size);
    return size == 0 ? std::string() : std::string(text, size - 1);
  }

  avro_schema_t m_schema = nullptr;
  avro_value_iface_t* m_class = nullptr;
};

/// Confluent wire format: magic byte 0, the schema id (4 bytes, big endian), the Avro bytes.
std::string frame(int schema_id, const std::string& avro) {
  const auto id = static_cast<std::uint32_t>(schema_id);
  std::string out(1, '\0');
  for (const int shift : {24, 16, 8, 0}) {
    out += static_cast<char>((id >> shift) & 0xffU);
  }
  return out + avro;
}

/// The schema id of a framed record; throws when it is not in the Confluent wire format.
int schema_id_of(const std::string& framed) {
  if (framed.size() < 5 || framed[0] != '\0') {
    throw std::runtime_error("not in the Confluent wire format");
  }
  std::uint32_t id = 0;
  for (std::size_t i = 1; i < 5; ++i) {
    id = (id << 8U) | static_cast<unsigned char>(framed[i]);
  }
  return static_cast<int>(id);
}

/// The id of the latest schema of `subject`, asked through specmesh's registry port.
int latest_schema_id(const std::string& registry_url, const std::string& subject) {
  auto registry = specmesh::registry::make_schema_registry({.url = registry_url});
  if (!registry) {
    throw std::runtime_error(registry.error().message);
  }
  auto latest = (*registry)->latest_versions({subject});
  if (!latest || latest->empty()) {
    throw std::runtime_error("no schema registered under " + subject);
  }
  return latest->front().id;
}

// ------------------------------------------------------------------------------------------
// A producer and a consumer (librdkafka), configured with LocalEnvironment::client_config
// ------------------------------------------------------------------------------------------

struct KafkaDeleter {
  void operator()(rd_kafka_t* client) const { rd_kafka_destroy(client); }
};
using Client = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

/// librdkafka settings from `config`; throws on a bad property.
rd_kafka_conf_t* make_conf(const ClientConfig& config) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::array<char, 512> error{};
  for (const auto& [key, value] : config) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error.data(), error.size())
        != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(key + ": " + error.data());
    }
  }
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
  return conf;
}

/// A client owning `conf`.
Client make_client(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  std::array<char, 512> error{};
  rd_kafka_t* client = rd_kafka_new(type, conf, error.data(), error.size());
  if (client == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(error.data());
  }
  return Client(client);
}

/// Produces one record and waits for its delivery; returns the error name, "" on success.
std::string produce(ClientConfig config,
                    const std::string& topic,
                    const std::string& key,
                    const std::string& value) {
  config["message.timeout.ms"] = "10000";
  rd_kafka_conf_t* conf = make_conf(config);
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* message, void*) {
    *static_cast<rd_kafka_resp_err_t*>(message->_private) = message->err;
  });
  Client producer = make_client(RD_KAFKA_PRODUCER, conf);
  rd_kafka_resp_err_t delivery = RD_KAFKA_RESP_ERR__MSG_TIMED_OUT; // set by the callback
  rd_kafka_topic_t* handle = rd_kafka_topic_new(producer.get(), topic.c_str(), nullptr);
  std::string payload = value;
  std::string key_bytes = key;
  const int queued = rd_kafka_produce(handle,
                                      RD_KAFKA_PARTITION_UA,
                                      RD_KAFKA_MSG_F_COPY,
                                      payload.data(),
                                      payload.size(),
                                      key_bytes.data(),
                                      key_bytes.size(),
                                      &delivery);
  rd_kafka_topic_destroy(handle);
  if (queued != 0) {
    return rd_kafka_err2name(rd_kafka_last_error());
  }
  rd_kafka_flush(producer.get(), 15000);
  return delivery == RD_KAFKA_RESP_ERR_NO_ERROR ? "" : rd_kafka_err2name(delivery);
}

/// Produces, retrying for a few seconds while freshly created ACLs reach the broker.
void produce_eventually(const ClientConfig& config,
                        const std::string& topic,
                        const std::string& key,
                        const std::string& value) {
  std::string error;
  for (int attempt = 0; attempt < 10; ++attempt) {
    error = produce(config, topic, key, value);
    if (error.empty()) {
      return;
    }
    std::this_thread::sleep_for(1s);
  }
  FAIL() << "producing to " << topic << " as " << config.at("sasl.username") << ": " << error;
}

/// What a consumer saw: the wanted record, or the last error (its librdkafka name).
struct Consumed {
  std::optional<std::string> value;
  std::string error;            ///< the last error
  std::set<std::string> errors; ///< every error seen
};

/// Reads `topic` from the beginning in consumer group `group` until a record with key `key`
/// arrives, an authorization error is reported (final: the ACLs were provisioned before the
/// test), or `timeout` passes.
Consumed consume(ClientConfig config,
                 const std::string& topic,
                 const std::string& key,
                 const std::string& group,
                 std::chrono::milliseconds timeout) {
  config["auto.offset.reset"] = "earliest";
  config["enable.auto.commit"] = "false";
  config["topic.metadata.refresh.interval.ms"] = "1000";
  config["group.id"] = group;
  Client consumer = make_client(RD_KAFKA_CONSUMER, make_conf(config));
  rd_kafka_poll_set_consumer(consumer.get());
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(consumer.get(), topics);
  rd_kafka_topic_partition_list_destroy(topics);
  Consumed consumed;
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline && !consumed.value) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer.get(), 200);
    if (message == nullptr) {
      continue;
    }
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const std::string message_key(static_cast<const char*>(message->key), message->key_len);
      if (message_key == key) {
        consumed.value.emplace(static_cast<const char*>(message->payload), message->len);
      }
    } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      consumed.error = rd_kafka_err2name(message->err);
      consumed.errors.insert(consumed.error);
    }
    rd_kafka_message_destroy(message);
    if (consumed.error.ends_with("AUTHORIZATION_FAILED")) {
      break;
    }
  }
  rd_kafka_consumer_close(consumer.get());
  return consumed;
}

/// A Kafka LongSerializer key: 8 bytes, big endian (the payments topic is keyed by `long`).
std::string long_key(std::int64_t key) {
  std::string out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    out += static_cast<char>((static_cast<std::uint64_t>(key) >> shift) & 0xffU);
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// The tests
// ------------------------------------------------------------------------------------------

class AcmeShopServiceTest : public ::testing::Test {
protected:
  specmesh::testing::LocalEnvironment& env() { return g_acme->environment(); }
};

TEST_F(AcmeShopServiceTest, ProvisioningTheSpecGaveTheShopItsTopicsAndSchemas) {
  const specmesh::plan::Plan& shop = g_acme->plans().at(0);
  EXPECT_EQ(shop.domain, "acme.shop");
  EXPECT_FALSE(shop.has_failures());
  std::set<std::string> topics;
  for (const auto& change : shop.topics) {
    topics.insert(change.resource.name);
  }
  EXPECT_TRUE(topics.contains(k_orders));
  EXPECT_TRUE(topics.contains(k_payments));
  EXPECT_GT(latest_schema_id(env().schema_registry_url(), k_orders + "-value"), 0);
}

TEST_F(AcmeShopServiceTest, AnOrderPublishedByTheShopIsReadByFinanceAndByTheShop) {
  const OrderCodec codec;
  const Order order{.id = "order-" + random_suffix(),
                    .customer_id = "customer-42",
                    .items = {{"sku-1", 2, 1999}, {"sku-2", 1, 500}},
                    .placed_at = 1700000000000};
  const int schema_id = latest_schema_id(env().schema_registry_url(), k_orders + "-value");
  produce_eventually(
      env().client_config("acme.shop"), k_orders, order.id, frame(schema_id, codec.encode(order)));

  // Consumer groups are named after the consuming domain: its ACLs cover `<domain>.*` groups.
  for (const auto& [user, group] :
       {std::pair{"acme.finance", "acme.finance.example-" + random_suffix()},
        std::pair{"acme.shop", "acme.shop.example-" + random_suffix()}}) {
    const Consumed consumed = consume(env().client_config(user), k_orders, order.id, group, 30s);
    ASSERT_TRUE(consumed.value) << user
                                << " did not read the order; last error: " << consumed.error;
    EXPECT_EQ(schema_id_of(*consumed.value), schema_id) << user;
    EXPECT_EQ(codec.decode(consumed.value->substr(5)), order) << user;
  }
}

TEST_F(AcmeShopServiceTest, PaymentsAreReadByFinanceAndRefusedToAStranger) {
  // A payment record keyed by a LongSerializer key (payments is a compacted topic).
  const std::int64_t payment_key = static_cast<std::int64_t>(std::random_device{}());
  const std::string key = long_key(payment_key);
  produce_eventually(env().client_config("acme.shop"), k_payments, key, "not-avro: acl check");

  const Consumed finance = consume(env().client_config("acme.finance"),
                                   k_payments,
                                   key,
                                   "acme.finance.example-" + random_suffix(),
                                   30s);
  EXPECT_TRUE(finance.value) << "acme.finance could not read " << k_payments
                             << "; last error: " << finance.error;

  // The stranger may use its own consumer groups (acme.stranger-api.yaml): the refusal is the
  // topic's own.
  const Consumed stranger = consume(env().client_config("acme.stranger"),
                                    k_payments,
                                    key,
                                    "acme.stranger.example-" + random_suffix(),
                                    20s);
  EXPECT_FALSE(stranger.value) << "acme.stranger read " << k_payments;
  EXPECT_EQ(stranger.error, "TOPIC_AUTHORIZATION_FAILED")
      << "errors seen: " << ::testing::PrintToString(stranger.errors);
}

} // namespace
