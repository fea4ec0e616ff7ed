#include "commands.hpp"

#include <specmesh/schema/load_schemas.hpp>
#include <specmesh/spec/load.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <array>
#include <iterator>
#include <set>
#include <utility>

namespace specmesh::cli {

namespace {

/// `-D specmesh.public=zz` style properties that change naming (Part B §2.3).
struct NamingProperty {
  const char* key;
  std::string spec::NamingOptions::*marker;
};
constexpr std::array<NamingProperty, 3> k_marker_properties{{
    {"specmesh.public", &spec::NamingOptions::public_marker},
    {"specmesh.protected", &spec::NamingOptions::protected_marker},
    {"specmesh.private", &spec::NamingOptions::private_marker},
}};

} // namespace

std::vector<Command> register_commands(CLI::App& app, CommandOptions& options) {
  std::vector<Command> commands;

  CLI::App* validate = app.add_subcommand(
      "validate", "Check a spec and the schema files it references, without a cluster.");
  add_spec_options(*validate, options);
  validate
      ->add_option("--output,-o",
                   options.output,
                   "Output format: text, json or yaml (the problems as data), github (workflow "
                   "annotations), sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "yaml", "github", "sarif"}))
      ->capture_default_str();
  validate->footer("Example:\n  specmesh validate --spec acme.shop-api.yaml --schema-path .\n"
                   "Exit codes: 0 valid, 1 problems found (each printed as file:line:col: "
                   "message).");
  commands.push_back({validate, run_validate});

  CLI::App* plan = app.add_subcommand(
      "plan",
      "Show what provisioning the spec would change. --offline plans against an empty "
      "cluster.");
  add_spec_options(*plan, options);
  add_desired_options(*plan, options);
  add_connection_options(*plan, options);
  plan->add_flag("--offline", options.offline, "Plan against an empty cluster; connect to nothing");
  add_output_option(*plan, options);
  plan->footer("The same as 'provision --dry-run'. Example:\n"
               "  specmesh plan --bootstrap-server localhost:9092 --username admin "
               "--spec acme.shop-api.yaml --schema-path . --sr-disabled\n"
               "  specmesh plan --offline --spec acme.shop-api.yaml --output json\n"
               "Exit codes: 0 nothing to change, 1 error, 2 changes pending, 3 a change is "
               "blocked.");
  commands.push_back({plan, run_plan});

  CLI::App* provision = app.add_subcommand(
      "provision", "Make the cluster match the spec: topics, then ACL additions, then removals.");
  add_spec_options(*provision, options);
  add_desired_options(*provision, options);
  add_connection_options(*provision, options);
  provision->add_flag("--dry-run", options.dry_run, "Only show the plan; change nothing");
  provision->add_flag("--no-wait",
                      options.no_wait,
                      "Report without waiting until the changes are visible to readers "
                      "(by default provision waits up to --timeout seconds for them)");
  add_output_option(*provision, options);
  provision->footer(
      "Example:\n  SPECMESH_SECRET=admin-secret specmesh provision --bootstrap-server "
      "localhost:9092 --username admin --spec acme.shop-api.yaml --sr-disabled\n"
      "Defaults for any option can come from ./provision.properties (or -D "
      "provision.properties=FILE): bootstrap.server=..., spec=..., dry.run=true, ...\n"
      "Exit codes: 0 done, 1 error or an item FAILED; with --dry-run 2 changes pending, "
      "3 a change is blocked.");
  commands.push_back({provision, run_provision});

  CLI::App* local = app.add_subcommand(
      "local",
      "Run a real Kafka broker and schema registry on this machine for development and "
      "tests: up [--user NAME:PASSWORD]..., down, status [--output json], logs.");
  local->add_option("args", options.local_args, "up | down | status | logs, and their options")
      ->required();
  local->footer("Example:\n  specmesh local up && specmesh local status --output json\n"
                "Kafka (SASL/PLAIN, ACLs enforced) and Apicurio Registry come from Maven "
                "Central; the first start downloads them.");
  commands.push_back({local, run_local});

  register_export_commands(app, options, commands);
  register_report_commands(app, options, commands);
  for (const Command& command : commands) {
    if (command.app != local) {
      add_verbosity_options(*command.app, options);
    }
    if (std::string legacy = legacy_flags_help(*command.app); !legacy.empty()) {
      command.app->footer([legacy = std::move(legacy)] { return legacy; });
    }
  }
  register_tool_commands(app, options, commands);
  return commands;
}

void add_output_option(CLI::App& command, CommandOptions& options) {
  command.add_option("--output,-o", options.output, "Output format")
      ->check(CLI::IsMember({"text", "json", "yaml"}))
      ->capture_default_str();
}

void add_verbosity_options(CLI::App& command, CommandOptions& options) {
  CLI::Option* quiet =
      command.add_flag("-q,--quiet", options.quiet, "Print only errors on stderr (no notes)");
  command
      .add_flag("-v,--verbose",
                options.verbose,
                "Also print which files are read and what is connected to (on stderr)")
      ->excludes(quiet);
}

void add_kafka_options(CLI::App& command, CommandOptions& options) {
  command.add_option("--bootstrap-server", options.bootstrap_servers, "Kafka bootstrap servers")
      ->envname("SPECMESH_BOOTSTRAP_SERVER");
  command.add_option("--username,-u", options.username, "SASL user")->envname("SPECMESH_USERNAME");
  command.add_option("--secret,-s", options.secret, "SASL password (or env SPECMESH_SECRET)")
      ->envname("SPECMESH_SECRET");
  command
      .add_option("--command-config",
                  options.command_config,
                  "File of Kafka client properties (key=value), e.g. SSL settings")
      ->type_name("FILE");
  command
      .add_option("--timeout", options.timeout_seconds, "Seconds to wait for Kafka on each request")
      ->capture_default_str();
}

void add_registry_options(CLI::App& command, CommandOptions& options) {
  command.add_option("--schema-registry", options.schema_registry, "Schema registry URL")
      ->envname("SPECMESH_SCHEMA_REGISTRY");
  command.add_option("--sr-api-key", options.sr_api_key, "Schema registry basic-auth user");
  command
      .add_option("--sr-api-secret",
                  options.sr_api_secret,
                  "Schema registry basic-auth password (or env SPECMESH_SR_API_SECRET)")
      ->envname("SPECMESH_SR_API_SECRET");
  command
      .add_option("--sr-ca-file",
                  options.sr_ca_file,
                  "CA certificates (PEM) to trust for an https schema registry, instead of the "
                  "system's")
      ->type_name("FILE");
}

void add_connection_options(CLI::App& command, CommandOptions& options) {
  add_kafka_options(command, options);
  add_registry_options(command, options);
  command.add_flag("--clean-unspecified",
                   options.clean_unspecified,
                   "Also delete the topics, ACLs and subjects of the domain that the spec no "
                   "longer declares");
}

void add_spec_options(CLI::App& command, CommandOptions& options) {
  command
      .add_option("--spec",
                  options.spec_path,
                  "AsyncAPI spec file (YAML or JSON), - for standard input [required]")
      ->type_name("FILE");
  command
      .add_option("--schema-path",
                  options.schema_path,
                  "Directory that schema $refs are relative to (default: as written, relative "
                  "to the current directory)")
      ->type_name("DIR");
  command.add_option("--public-marker", options.public_marker, "Public channel marker [_public]");
  command.add_option(
      "--protected-marker", options.protected_marker, "Protected channel marker [_protected]");
  command.add_option(
      "--private-marker", options.private_marker, "Private channel marker [_private]");
  command
      .add_option("-D,--property",
                  options.properties,
                  "key=value, repeatable: specmesh.public|protected|private=MARKER, "
                  "DELIMITER=C")
      ->allow_extra_args(false);
  command
      .add_option("--s3-bucket-template",
                  options.s3_bucket_template,
                  "The domain's bucket: {domain} is the domain id, {domain-s3} the id in lower "
                  "case with '_' as '-' [{domain}]")
      ->type_name("TEMPLATE");
  command
      .add_option("--s3-principal-template",
                  options.s3_principal_template,
                  "The storage principal of a domain, {domain} the domain id "
                  "[arn:aws:iam::000000000000:user/{domain}]")
      ->type_name("TEMPLATE");
  command
      .add_option("--s3-mesh-principal",
                  options.s3_mesh_principal,
                  "The principal that stands for every authenticated principal of the mesh, the "
                  "readers of public prefixes [arn:aws:iam::000000000000:user/*]")
      ->type_name("PRINCIPAL");
  command.add_flag("--strict",
                   options.strict,
                   "Treat the spec's warnings (unknown keys, unknown Kafka topic configs, ...) as "
                   "errors");
}

void add_desired_options(CLI::App& command, CommandOptions& options) {
  command.add_option(
      "--domain-user", options.domain_user, "Principal for the owner's ACLs [the domain id]");
  command
      .add_option("--partition-count-factor",
                  options.partition_count_factor,
                  "Scale every topic's partitions by this factor, 0 < f <= 1")
      ->capture_default_str();
  command.add_option(
      "--env", options.env, "Only channels whose bindings.kafka.envs is empty or names ENV");
  command.add_flag("--acl-disabled", options.acl_disabled, "Leave ACLs alone");
  command.add_flag("--sr-disabled", options.sr_disabled, "Leave schemas alone");
  command.add_flag(
      "--s3-disabled", options.s3_disabled, "Leave storage (x-specmesh-storage) alone");
  command.add_flag("--original-acls",
                   options.original_acls,
                   "The owner's prefixed ACLs on the bare domain id, exactly as specmesh-build "
                   "grants them (that prefix also matches other domains' names: acme.shop "
                   "covers acme.shopping.*); default: on '<domain>.'");
}

Result<plan::DesiredOptions> desired_options(const CommandOptions& options) {
  plan::DesiredOptions desired;
  spec::NamingOptions& naming = desired.naming;
  for (const std::string& entry : options.properties) {
    const auto [key, value] = split_key_value(entry);
    for (const NamingProperty& marker : k_marker_properties) {
      if (key == marker.key) {
        naming.*marker.marker = value;
      }
    }
    if (key == "DELIMITER") {
      if (value.size() != 1) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("-D DELIMITER must be one character, got '{}'", value));
      }
      naming.delimiter = value[0];
    }
  }
  const std::array<std::pair<const std::string*, std::string*>, 3> flags{{
      {&options.public_marker, &naming.public_marker},
      {&options.protected_marker, &naming.protected_marker},
      {&options.private_marker, &naming.private_marker},
  }};
  for (const auto& [flag, marker] : flags) {
    if (!flag->empty()) {
      *marker = *flag;
    }
  }
  if (!(options.partition_count_factor > 0 && options.partition_count_factor <= 1)) {
    return fail(ErrorCode::invalid_input,
                fmt::format("{} must be more than 0 and at most 1, got {}",
                            flag_as_written(options, "--partition-count-factor"),
                            options.partition_count_factor));
  }
  desired.domain_user = options.domain_user;
  desired.partition_count_factor = options.partition_count_factor;
  desired.original_acls = options.original_acls;
  const std::array<std::pair<const std::string*, std::string*>, 3> storage_flags{{
      {&options.s3_bucket_template, &desired.storage.bucket_template},
      {&options.s3_principal_template, &desired.storage.principal_template},
      {&options.s3_mesh_principal, &desired.storage.mesh_principal},
  }};
  for (const auto& [flag, setting] : storage_flags) {
    if (!flag->empty()) {
      *setting = *flag;
    }
  }
  if (!options.env.empty()) {
    desired.env = options.env;
  }
  return desired;
}

std::string flag_as_written(const CommandOptions& options, std::string_view option_name) {
  const auto written = options.spelled_as.find(option_name);
  return written == options.spelled_as.end() ? std::string(option_name)
                                             : fmt::format("{} ({})", written->second, option_name);
}

std::string spec_display_name(const CommandOptions& options) {
  return options.spec_path == "-" ? "<stdin>" : options.spec_path;
}

namespace {

spec::LoadedDocument
read_spec(const CommandOptions& options, const spec::NamingOptions& naming, Environment& env) {
  if (options.spec_path != "-") {
    verbose_line(options, env, fmt::format("reading the spec {}", options.spec_path));
    return spec::load_file_keeping_partial(options.spec_path, naming);
  }
  if (env.in == nullptr) {
    return {fail(ErrorCode::invalid_input, "--spec -: this specmesh has no standard input"),
            std::nullopt};
  }
  verbose_line(options, env, "reading the spec from standard input");
  const std::string text{std::istreambuf_iterator<char>(*env.in), {}};
  return spec::load_string_keeping_partial(text, spec_display_name(options), naming);
}

std::vector<schema::LoadedSchema> read_schemas(const spec::ApiSpec& spec,
                                               const plan::DesiredOptions& desired,
                                               const CommandOptions& options,
                                               Environment& env) {
  std::vector<schema::LoadedSchema> schemas =
      schema::load_schemas(plan::schema_requests(spec, desired), options.schema_path);
  std::set<std::string> told; // a file several subjects use is read once
  for (const schema::LoadedSchema& schema : schemas) {
    if (told.insert(schema.path).second) {
      verbose_line(options, env, fmt::format("read the schema {}", schema.path));
    }
  }
  return schemas;
}

/// `spec::` "has N problems" with the schema problems found beside them.
Error with_schema_problems(Error error, std::size_t schema_problems) {
  if (schema_problems > 0) {
    error.message +=
        fmt::format(" and {} schema problem{}", schema_problems, schema_problems == 1 ? "" : "s");
  }
  return error;
}

} // namespace

LoadedSpec load_spec(const CommandOptions& options, bool with_schemas, Environment& env) {
  const Result<plan::DesiredOptions> desired = desired_options(options);
  if (!desired) {
    return {tl::unexpected(desired.error()), {}, {}};
  }
  spec::LoadedDocument document = read_spec(options, desired->naming, env);
  if (!document.spec) {
    // The schema files of an invalid spec are checked too, so one run shows every problem.
    std::vector<plan::SchemaFailure> failures;
    if (with_schemas && document.partial) {
      const auto schemas = read_schemas(*document.partial, *desired, options, env);
      if (Result<plan::DesiredState> partial =
              plan::desired_state(*document.partial, schemas, *desired)) {
        failures = std::move(partial->schema_failures);
      }
    }
    Error error = with_schema_problems(std::move(document.spec.error()), failures.size());
    return {tl::unexpected(std::move(error)), {}, std::move(failures)};
  }
  spec::ApiSpec& spec = *document.spec;
  const std::vector<schema::LoadedSchema> schemas = with_schemas
                                                        ? read_schemas(spec, *desired, options, env)
                                                        : std::vector<schema::LoadedSchema>{};
  return {plan::desired_state(spec, schemas, *desired), std::move(spec.warnings), {}};
}

void print_schema_failures(const std::vector<plan::SchemaFailure>& failures, Environment& env) {
  for (const plan::SchemaFailure& failure : failures) {
    env.err << failure.diagnostic.to_string() << '\n';
    if (failure.referenced_at != failure.diagnostic.where) {
      env.err << Diagnostic{failure.referenced_at, "note: referenced here"}.to_string() << '\n';
    }
  }
}

int print_load_failure(const LoadedSpec& loaded, Environment& env) {
  for (const Diagnostic& diagnostic : loaded.state.error().diagnostics) {
    env.err << diagnostic.to_string() << '\n';
  }
  print_schema_failures(loaded.schema_failures, env);
  return fail_with(env, loaded.state.error());
}

std::optional<plan::DesiredState>
load_desired(const CommandOptions& options, bool with_schemas, Environment& env) {
  LoadedSpec loaded = load_spec(options, with_schemas, env);
  if (!loaded.state) {
    print_load_failure(loaded, env);
    return std::nullopt;
  }
  print_warnings(options, loaded.warnings, env);
  if (warnings_refused(options, loaded.warnings, env)) {
    return std::nullopt;
  }
  return std::move(*loaded.state);
}

void print_warnings(const CommandOptions& options,
                    const std::vector<Diagnostic>& warnings,
                    Environment& env) {
  if (!options.quiet || options.strict) {
    for (const Diagnostic& warning : warnings) {
      env.err << warning.to_string() << '\n';
    }
  }
}

bool warnings_refused(const CommandOptions& options,
                      const std::vector<Diagnostic>& warnings,
                      Environment& env) {
  if (warnings.empty() || (!options.strict && !options.clean_unspecified)) {
    return false;
  }
  const std::string counted = fmt::format("spec '{}' has {} warning{}",
                                          spec_display_name(options),
                                          warnings.size(),
                                          warnings.size() == 1 ? "" : "s");
  if (options.strict) {
    env.err << fmt::format("specmesh: {}, which --strict makes errors\n", counted);
  } else {
    env.err << fmt::format("specmesh: {}; --clean-unspecified deletes nothing while the spec has "
                           "warnings (a misspelt key can hide a resource that is meant to stay)\n",
                           counted);
  }
  return true;
}

int fail_with(Environment& env, const Error& error) {
  env.err << "specmesh: " << error.message << '\n';
  return k_exit_error;
}

} // namespace specmesh::cli
