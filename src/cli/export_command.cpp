// `specmesh export` (Part B §6.4, Part A.5): read a domain's topics, grants and schemas and
// write the spec that provisions them back unchanged. `specmesh flatten` (Part B §6.5): the
// spec with every channel key replaced by its topic name.
#include "commands.hpp"

#include <specmesh/apply/export.hpp>
#include <specmesh/plan/export.hpp>
#include <specmesh/spec/write.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace specmesh::cli {

namespace {

Result<void> write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    return fail(ErrorCode::invalid_input,
                fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
  }
  return {};
}

/// Prints `text` and, when `out_spec` is set, writes it there too.
int emit_spec(const std::string& text, const std::string& out_spec, Environment& env) {
  env.out << text;
  if (!out_spec.empty()) {
    if (auto written = write_file(out_spec, text); !written) {
      return fail_with(env, written.error());
    }
  }
  return k_exit_ok;
}

int run_export(const CommandOptions& options, Environment& env) {
  if (options.domain_id.empty()) {
    env.err << "specmesh: --domain-id is required (see 'specmesh export --help')\n";
    return k_exit_error;
  }
  if (!options.schema_dir.empty() && options.schema_registry.empty()) {
    env.err << "specmesh: --schema-dir needs --schema-registry to read the schemas from\n";
    return k_exit_error;
  }
  const Result<plan::DesiredOptions> desired = desired_options(options);
  if (!desired) {
    return fail_with(env, desired.error());
  }
  const spec::NamingOptions& naming = desired->naming;
  const std::string domain = spec::domain_id("urn:" + options.domain_id, naming);

  if (const auto connection = kafka_connection(options)) {
    verbose_line(options, env, describe_connection(*connection));
  }
  Result<std::unique_ptr<ports::KafkaAdmin>> kafka = connect_kafka(options, env);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  // Schemas are exported only to files; without a directory the registry is not consulted.
  std::unique_ptr<ports::SchemaRegistry> registry;
  if (!options.schema_dir.empty()) {
    const Result<registry::Connection> sr_connection = registry_connection(options);
    if (!sr_connection) {
      return fail_with(env, sr_connection.error());
    }
    if (!env.connect_registry) {
      return fail_with(
          env, Error{ErrorCode::invalid_input, "this specmesh has no schema registry client", {}});
    }
    verbose_line(options, env, describe_connection(*sr_connection));
    Result<std::unique_ptr<ports::SchemaRegistry>> connected = env.connect_registry(*sr_connection);
    if (!connected) {
      return fail_with(env, connected.error());
    }
    registry = std::move(*connected);
  }
  const Result<plan::ExportSource> source =
      apply::observe_export(**kafka, registry.get(), domain, options.domain_id);
  if (!source) {
    return fail_with(env, source.error());
  }

  const plan::ExportedSpec exported = plan::export_spec(*source, naming);
  if (!exported.schema_files.empty()) {
    const std::filesystem::path directory(options.schema_dir);
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
      return fail_with(env,
                       Error{ErrorCode::invalid_input,
                             fmt::format("cannot create schema directory '{}': {}",
                                         options.schema_dir,
                                         error.message()),
                             {}});
    }
    for (const plan::ExportedSchemaFile& file : exported.schema_files) {
      if (auto written = write_file(directory / file.file_name, file.content); !written) {
        return fail_with(env, written.error());
      }
    }
  }
  return emit_spec(spec::to_yaml(exported.spec), options.out_spec, env);
}

int run_flatten(const CommandOptions& options, Environment& env) {
  if (options.in_spec.empty()) {
    env.err << "specmesh: --in-spec is required (see 'specmesh flatten --help')\n";
    return k_exit_error;
  }
  const Result<plan::DesiredOptions> desired = desired_options(options);
  if (!desired) {
    return fail_with(env, desired.error());
  }
  std::ifstream in(options.in_spec, std::ios::binary);
  if (!in) {
    return fail_with(
        env,
        Error{
            ErrorCode::not_found,
            fmt::format("spec file '{}' cannot be read: {}", options.in_spec, std::strerror(errno)),
            {}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  const Result<std::string> flat = spec::flatten_yaml(text.str(), options.in_spec, desired->naming);
  if (!flat) {
    for (const Diagnostic& diagnostic : flat.error().diagnostics) {
      env.err << diagnostic.to_string() << '\n';
    }
    return fail_with(env, flat.error());
  }
  return emit_spec(*flat, options.out_spec, env);
}

void add_naming_property_option(CLI::App& command, CommandOptions& options) {
  command
      .add_option("-D,--property",
                  options.properties,
                  "key=value, repeatable: specmesh.public|protected|private=MARKER, DELIMITER=C")
      ->allow_extra_args(false);
}

} // namespace

void register_export_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands) {
  CLI::App* export_app = app.add_subcommand(
      "export",
      "Write the spec of a domain as the cluster has it: its topics (partitions, replicas, "
      "non-default configs), grant-access tags from its read ACLs and, with --schema-dir, the "
      "latest key/value schemas.");
  add_kafka_options(*export_app, options);
  add_registry_options(*export_app, options);
  export_app->add_option("--domain-id",
                         options.domain_id,
                         "Domain to export, e.g. acme.shop (':' allowed) [required]");
  export_app
      ->add_option("--schema-dir",
                   options.schema_dir,
                   "Directory to write the latest schemas to (needs --schema-registry)")
      ->type_name("DIR");
  export_app
      ->add_option(
          "--out-spec", options.out_spec, "Also write the spec to this file (it is always printed)")
      ->type_name("FILE");
  add_naming_property_option(*export_app, options);
  export_app->footer(
      "Example:\n  specmesh export --bootstrap-server localhost:9092 --username admin "
      "--domain-id acme.shop --schema-registry http://localhost:8081 --schema-dir schemas "
      "--out-spec acme.shop-api.yaml\n"
      "  specmesh plan --bootstrap-server localhost:9092 --username admin "
      "--schema-registry http://localhost:8081 --spec acme.shop-api.yaml --schema-path schemas\n"
      "The exported spec plans back to no changes. Exit codes: 0 written, 1 error.");
  commands.push_back({export_app, run_export});

  CLI::App* flatten = app.add_subcommand(
      "flatten",
      "Write a spec with every channel key replaced by its full topic name; specmesh reads "
      "the result as the same topics, ACLs and schemas.");
  flatten->add_option("--in-spec", options.in_spec, "The spec to flatten [required]")
      ->type_name("FILE");
  flatten
      ->add_option("--out-spec",
                   options.out_spec,
                   "Also write the result to this file (it is always printed)")
      ->type_name("FILE");
  add_naming_property_option(*flatten, options);
  flatten->footer("Example:\n  specmesh flatten --in-spec acme.shop-api.yaml --out-spec "
                  "acme.shop-flat.yaml\n"
                  "Only channel keys change: comments, quoting, schema $refs (relative to "
                  "--schema-path) stay as written, and a JSON spec stays JSON. "
                  "Exit codes: 0 written, 1 error.");
  commands.push_back({flatten, run_flatten});
}

} // namespace specmesh::cli
