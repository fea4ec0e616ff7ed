// Rendering a plan for machines (one JSON document) and for people (a table per kind).
#pragma once

#include <specmesh/plan/plan.hpp>

#include <string>

namespace specmesh::apply {

enum class OutputFormat { text, json };

/// {"domain", "topics": [...], "acls": [...], "schemas": [...], "summary": {...}}; the field
/// names are the original's (Part B §6.1) plus the ones listed in docs/output.md.
std::string render_json(const plan::Plan& plan);

/// A table per kind, unchanged items counted but not listed, and a summary line.
std::string render_text(const plan::Plan& plan);

std::string render(const plan::Plan& plan, OutputFormat format);

} // namespace specmesh::apply
