#include "load_ok.hpp"

#include <specmesh/spec/load.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::spec {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string with_storage(const std::string& storage) {
  return "asyncapi: 2.6.0\nid: 'urn:acme.shop'\nchannels: {}\nx-specmesh-storage:\n" + storage;
}

std::vector<std::string> problems(const std::string& text, const NamingOptions& naming = {}) {
  Result<ApiSpec> spec = load_string(text, "spec.yaml", naming);
  EXPECT_FALSE(spec.has_value()) << "spec loaded, but problems were expected";
  std::vector<std::string> out;
  if (!spec) {
    for (const Diagnostic& diagnostic : spec.error().diagnostics) {
      out.push_back(diagnostic.to_string());
    }
  }
  return out;
}

TEST(ReadStorage, ReadsEachPrefixInDocumentOrder) {
  const ApiSpec spec = load_ok(with_storage(R"(
  _public/exports:
    description: Nightly order exports
    bindings:
      s3:
        expiration-days: 30
  _protected/settlements:
    tags:
      - name: grant-access:acme.finance
  _private/scratch: {}
  _private/tmp:
)"));
  ASSERT_EQ(spec.storage.size(), 4u);
  EXPECT_EQ(spec.storage[0].path, "_public/exports");
  EXPECT_EQ(spec.storage[0].description, "Nightly order exports");
  EXPECT_EQ(spec.storage[0].expiration_days, 30);
  EXPECT_EQ(spec.storage[0].where.line, 6);
  EXPECT_EQ(spec.storage[0].where.column, 3);
  EXPECT_EQ(spec.storage[1].path, "_protected/settlements");
  ASSERT_EQ(spec.storage[1].tags.size(), 1u);
  EXPECT_EQ(spec.storage[1].tags[0].name, "grant-access:acme.finance");
  EXPECT_EQ(spec.storage[1].expiration_days, std::nullopt);
  EXPECT_EQ(spec.storage[2].path, "_private/scratch");
  EXPECT_EQ(spec.storage[3].path, "_private/tmp");
  EXPECT_EQ(spec.where_storage.line, 4);
}

TEST(ReadStorage, NoSectionMeansNoStorage) {
  const ApiSpec spec = load_ok("asyncapi: 2.6.0\nid: 'urn:acme.shop'\nchannels: {}\n");
  EXPECT_THAT(spec.storage, IsEmpty());
  EXPECT_EQ(spec.where_storage.line, 0);
  EXPECT_THAT(load_ok(with_storage("")).storage, IsEmpty());
}

TEST(ReadStorage, APrefixStartsWithAVisibilityMarker) {
  EXPECT_THAT(problems(with_storage("  exports: {}\n")),
              ElementsAre("spec.yaml:5:3: storage prefix 'exports' must start with a visibility: "
                          "'_public/', '_protected/' or '_private/'"));
  NamingOptions naming;
  naming.public_marker = "open";
  EXPECT_EQ(load_ok(with_storage("  open/exports: {}\n"), naming).storage.size(), 1u);
  EXPECT_THAT(problems(with_storage("  _public/exports: {}\n"), naming),
              ElementsAre("spec.yaml:5:3: storage prefix '_public/exports' must start with a "
                          "visibility: 'open/', '_protected/' or '_private/'"));
}

TEST(ReadStorage, APrefixIsMadeOfSafeCharactersBetweenSlashes) {
  EXPECT_THAT(
      problems(with_storage(R"(
  /_public/exports: {}
  _public/exports/: {}
  _public//exports: {}
  _public/../x: {}
  _public/*: {}
  "_public/a b": {}
  "": {}
)")),
      ElementsAre(
          "spec.yaml:6:3: storage prefix '/_public/exports' must not start or end with '/'",
          "spec.yaml:7:3: storage prefix '_public/exports/' must not start or end with '/'",
          "spec.yaml:8:3: storage prefix '_public//exports' has an empty, '.' or '..' segment",
          "spec.yaml:9:3: storage prefix '_public/../x' has an empty, '.' or '..' segment",
          "spec.yaml:10:3: storage prefix '_public/*' has '*' (a prefix has only ASCII letters, "
          "digits, '.', '_', '-' and '/' between its parts)",
          "spec.yaml:11:3: storage prefix '_public/a b' has ' ' (a prefix has only ASCII "
          "letters, digits, '.', '_', '-' and '/' between its parts)",
          "spec.yaml:12:3: storage prefix '' is empty"));
}

TEST(ReadStorage, AMarkerAloneIsAPrefix) {
  EXPECT_EQ(load_ok(with_storage("  _public: {}\n")).storage.at(0).path, "_public");
}

TEST(ReadStorage, UnknownKeysAreErrorsWithTheClosestKnownOne) {
  EXPECT_THAT(problems(with_storage(R"(
  _protected/settlements:
    tag:
      - name: grant-access:acme.finance
    bindings:
      s4: {}
      s3:
        expiration-day: 3
)")),
              ElementsAre("spec.yaml:7:5: unknown key 'tag' in storage prefix "
                          "'_protected/settlements' (did you mean 'tags'?)",
                          "spec.yaml:10:7: unknown key 's4' in 'bindings' of storage prefix "
                          "'_protected/settlements' (did you mean 's3'?)",
                          "spec.yaml:12:9: unknown key 'expiration-day' in 'bindings.s3' of "
                          "storage prefix '_protected/settlements' (did you mean "
                          "'expiration-days'?)"));
}

TEST(ReadStorage, AGrantOpensOnlyAProtectedPrefix) {
  EXPECT_THAT(problems(with_storage(R"(
  _private/scratch:
    tags: [{name: grant-access:acme.finance}]
  _public/exports:
    tags: [{name: grant-access:acme.finance}, {name: nightly}]
  _protected/settlements:
    tags: [{name: "grant-access:acme finance"}, {name: "grant-access:"}]
)")),
              ElementsAre("spec.yaml:7:12: 'grant-access:acme.finance' on private prefix "
                          "'_private/scratch' grants nothing: a private prefix is the owner's "
                          "alone (move it under '_protected/' to share it)",
                          "spec.yaml:9:12: 'grant-access:acme.finance' on public prefix "
                          "'_public/exports' grants nothing: every domain of the mesh reads a "
                          "public prefix",
                          "spec.yaml:11:12: 'grant-access:acme finance' must name a domain: "
                          "'acme finance' has ' ', which Kafka does not allow (only ASCII "
                          "letters, digits, '.', '_' and '-')",
                          "spec.yaml:11:56: tag 'grant-access:' must name a domain, e.g. "
                          "grant-access:acme.finance"));
}

TEST(ReadStorage, ExpirationIsAPositiveNumberOfDays) {
  EXPECT_THAT(
      problems(with_storage(R"(
  _public/a: {bindings: {s3: {expiration-days: 0}}}
  _public/b: {bindings: {s3: {expiration-days: soon}}}
  _public/c: {bindings: {s3: {expiration-days: 99999999999}}}
)")),
      ElementsAre("spec.yaml:6:48: 'expiration-days' must be at least 1, found 0",
                  "spec.yaml:7:48: 'expiration-days' must be an integer, found 'soon'",
                  "spec.yaml:8:48: 'expiration-days' is too large: 99999999999 (the most is "
                  "2147483647)"));
}

TEST(ReadStorage, WrongShapesAreNamed) {
  EXPECT_THAT(problems(with_storage("  - _public/exports\n")),
              ElementsAre("spec.yaml:5:3: 'x-specmesh-storage' must be a mapping of prefixes, "
                          "found a list"));
  EXPECT_THAT(problems(with_storage("  _public/exports: yes\n  _public/b: {bindings: [s3]}\n")),
              ElementsAre("spec.yaml:5:20: storage prefix '_public/exports' must be a mapping, "
                          "found 'yes'",
                          "spec.yaml:6:25: 'bindings' must be a mapping, found a list"));
}

} // namespace
} // namespace specmesh::spec
