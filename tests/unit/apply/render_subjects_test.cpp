#include "apply/kind_rendering.hpp"
#include "json_keys.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::Action;
using ::testing::ElementsAre;

plan::Subject orders_value() {
  plan::Subject subject;
  subject.subject = "acme.shop._public.orders-value";
  subject.type = schema::SchemaType::json;
  subject.schema = R"({"type":"object"})";
  subject.path = "schemas/orders.json";
  subject.topic_schema = true;
  subject.references = {{"acme.shop.Item", "acme.shop.Item-value", 2},
                        {"acme.shared.Currency", "acme.shared.Currency", -1}};
  return subject;
}

TEST(RenderSubjects, SectionIsTitledSchemasWithItsColumns) {
  const TextSection section = text_section(plan::Changes<plan::Subject>{});
  EXPECT_STREQ(section.title, "Schemas");
  EXPECT_THAT(section.columns, ElementsAre("SUBJECT", "TYPE", "FILE"));
  EXPECT_STREQ(json_key(plan::Changes<plan::Subject>{}), "schemas");
}

TEST(RenderSubjects, RowShowsTheTypeUnlessTheSchemaCouldNotBeRead) {
  const plan::SubjectChange planned{.action = Action::create, .resource = orders_value()};
  EXPECT_THAT(text_row(planned),
              ElementsAre("acme.shop._public.orders-value", "JSON", "schemas/orders.json"));

  const plan::SubjectChange unreadable{.action = Action::failed, .resource = orders_value()};
  EXPECT_THAT(text_row(unreadable),
              ElementsAre("acme.shop._public.orders-value", "-", "schemas/orders.json"));
}

TEST(RenderSubjects, JsonHasTheFieldsInOrderWithEveryReference) {
  plan::SubjectChange change{.action = Action::blocked, .resource = orders_value()};
  change.details = {"incompatible: READER_FIELD_MISSING_DEFAULT_VALUE"};

  const nlohmann::ordered_json json = to_json(change);
  EXPECT_THAT(json_keys(json),
              ElementsAre("subject",
                          "state",
                          "type",
                          "topicSchema",
                          "path",
                          "references",
                          "messages",
                          "exception"));
  EXPECT_EQ(json["subject"], "acme.shop._public.orders-value");
  EXPECT_EQ(json["state"], "BLOCKED");
  EXPECT_EQ(json["type"], "JSON");
  EXPECT_EQ(json["topicSchema"], true);
  EXPECT_EQ(json["path"], "schemas/orders.json");
  EXPECT_EQ(json["references"].dump(),
            R"([{"name":"acme.shop.Item","subject":"acme.shop.Item-value","version":2},)"
            R"({"name":"acme.shared.Currency","subject":"acme.shared.Currency","version":-1}])");
  EXPECT_EQ(json["messages"],
            (nlohmann::ordered_json{"incompatible: READER_FIELD_MISSING_DEFAULT_VALUE"}));
  EXPECT_TRUE(json["exception"].is_null());
}

TEST(RenderSubjects, JsonOfASubjectWithoutReferencesHasAnEmptyListAndItsErrors) {
  plan::SubjectChange change{.action = Action::create, .resource = orders_value()};
  change.resource.references.clear();
  change.outcome.fail({ErrorCode::conflict, "subject 'x': incompatible", {}});

  const nlohmann::ordered_json json = to_json(change);
  EXPECT_TRUE(json["references"].is_array());
  EXPECT_TRUE(json["references"].empty());
  EXPECT_EQ(json["state"], "FAILED");
  EXPECT_EQ(json["exception"], "subject 'x': incompatible");
}

} // namespace
} // namespace specmesh::apply
