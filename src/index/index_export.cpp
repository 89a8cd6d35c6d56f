#include "index/index_export.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

namespace cratescope::index {

namespace {

struct Link {
  int64_t from, to;
  std::string kind, confidence, site;
  bool operator<(const Link& o) const { return std::tie(from, to, kind, site) < std::tie(o.from, o.to, o.kind, o.site); }
};
struct SubGraph {
  std::map<int64_t, IndexedFunction> nodes;
  std::set<Link> links;
};

const char* kLinkQuery = R"sql(SELECT c.caller, c.callee, c.kind, c.confidence,
  v.name || '-' || v.version || '/' || COALESCE(fl.path, '') || ':' || c.line || ':' || c.col
  FROM calls c JOIN functions f ON f.id = c.caller JOIN crate_versions v ON v.id = f.version_id
  LEFT JOIN files fl ON fl.id = c.file_id)sql";

void add_node(SubGraph& graph, const IndexedFunction& f) { graph.nodes.emplace(f.id, f); }

Expected<SubGraph> select(const IndexReader& reader, const ExportSelection& s) {
  const SqliteDb& db = reader.db();
  SubGraph graph;
  if (!s.callers_of.empty()) {
    auto found = reader.callers(s.callers_of, {s.version_requirement, s.depth, false});
    if (!found) return unexpected(found.error());
    for (const auto& t : found->targets) add_node(graph, t);
    for (const auto& c : found->callers) {
      add_node(graph, c.function);
      int64_t from = c.function.id;
      for (const auto& step : c.path) {
        add_node(graph, step.callee);
        graph.links.insert({from, step.callee.id, step.kind, step.confidence, to_string(step.site)});
        from = step.callee.id;
      }
    }
    return graph;
  }
  std::string where_nodes, where_links;
  std::string name = s.crate, version;
  if (size_t at = name.find('@'); at != std::string::npos) {
    version = name.substr(at + 1);
    name = name.substr(0, at);
  }
  if (!s.crate.empty()) {
    where_nodes = " WHERE replace(v.name, '-', '_') = replace(?1, '-', '_')" + std::string(version.empty() ? "" : " AND v.version = ?2");
    where_links = where_nodes;
  }
  SqliteStatement nodes(db, (std::string(kFunctionRows) + where_nodes).c_str());
  SqliteStatement links(db, (std::string(kLinkQuery) + where_links).c_str());
  if (!nodes.ok() || !links.ok()) return unexpected(db.error("reading the index"));
  for (auto* q : {&nodes, &links})
    if (!s.crate.empty()) {
      q->bind(1, name);
      if (!version.empty()) q->bind(2, version);
    }
  while (nodes.next_row()) add_node(graph, indexed_function(nodes));
  if (!s.crate.empty() && graph.nodes.empty()) return unexpected("no functions of `" + s.crate + "` in this index");
  while (links.next_row()) {
    graph.links.insert({links.integer(0), links.integer(1), links.text(2), links.text(3), links.text(4)});
    if (!graph.nodes.contains(links.integer(1)))  // callees in other crates
      if (auto callee = reader.function(links.integer(1))) add_node(graph, *callee);
  }
  return graph;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        out += static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c;
    }
  }
  return out;
}

std::string quoted(std::string_view text, char quote_char, bool doubled) {
  std::string out(1, quote_char);
  for (char c : text) {
    if (c == quote_char) out += doubled ? std::string(2, c) : std::string("\\") + c;
    else if (c == '\\' && !doubled) out += "\\\\";
    else if (c == '\n') out += doubled ? " " : "\\n";
    else out += c;
  }
  return out + quote_char;
}

void write_graphml(std::ostream& out, const SubGraph& g) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  for (const char* key : {"crate", "version", "path", "target", "location"})
    out << "  <key id=\"" << key << "\" for=\"node\" attr.name=\"" << key << "\" attr.type=\"string\"/>\n";
  for (const char* key : {"kind", "confidence", "site"})
    out << "  <key id=\"" << key << "\" for=\"edge\" attr.name=\"" << key << "\" attr.type=\"string\"/>\n";
  out << "  <graph id=\"calls\" edgedefault=\"directed\">\n";
  for (const auto& [id, n] : g.nodes) {
    out << "    <node id=\"f" << id << "\">";
    std::string location = to_string(n.location);
    for (auto [key, value] : {std::pair<const char*, const std::string*>{"crate", &n.crate}, {"version", &n.version},
                              {"path", &n.path}, {"target", &n.target}, {"location", &location}})
      out << "<data key=\"" << key << "\">" << xml_escape(*value) << "</data>";
    out << "</node>\n";
  }
  for (const auto& l : g.links)
    out << "    <edge source=\"f" << l.from << "\" target=\"f" << l.to << "\"><data key=\"kind\">" << xml_escape(l.kind)
        << "</data><data key=\"confidence\">" << l.confidence << "</data><data key=\"site\">" << xml_escape(l.site)
        << "</data></edge>\n";
  out << "  </graph>\n</graphml>\n";
}

void write_dot(std::ostream& out, const SubGraph& g) {
  out << "digraph calls {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n";
  // One cluster per crate version.
  std::map<std::string, std::vector<int64_t>> clusters;
  for (const auto& [id, n] : g.nodes) clusters[n.crate + " " + n.version].push_back(id);
  size_t k = 0;
  for (const auto& [label, ids] : clusters) {
    out << "  subgraph cluster_" << k++ << " {\n    label=" << quoted(label, '"', false) << ";\n";
    for (int64_t id : ids) out << "    f" << id << " [label=" << quoted(g.nodes.at(id).path, '"', false) << "];\n";
    out << "  }\n";
  }
  for (const auto& l : g.links)
    out << "  f" << l.from << " -> f" << l.to << " [label=" << quoted(l.kind, '"', false)
        << (l.confidence == "low" ? ", style=dashed" : "") << "];\n";
  out << "}\n";
}

Expected<bool> write_neo4j(const std::filesystem::path& dir, const SqliteDb& db, const SubGraph& g, ExportCounts& counts) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return unexpected(dir.string() + ": " + ec.message());
  auto csv = [](std::string_view text) { return quoted(text, '"', true); };
  auto open = [&](const char* name, std::ofstream& file) -> bool {
    file.open(dir / name);
    return bool(file);
  };
  std::ofstream functions, versions, calls, defined_in, depends_on;
  if (!open("functions.csv", functions) || !open("crate_versions.csv", versions) || !open("calls.csv", calls) ||
      !open("defined_in.csv", defined_in) || !open("depends_on.csv", depends_on))
    return unexpected(dir.string() + ": cannot write the CSV files");
  functions << "id:ID(Function),crate,version,path,target,location,:LABEL\n";
  defined_in << ":START_ID(Function),:END_ID(CrateVersion),:TYPE\n";
  std::set<int64_t> version_ids;
  for (const auto& [id, n] : g.nodes) {
    functions << id << "," << csv(n.crate) << "," << csv(n.version) << "," << csv(n.path) << "," << csv(n.target) << ","
              << csv(to_string(n.location)) << ",Function\n";
    defined_in << id << "," << n.version_id << ",DEFINED_IN\n";
    version_ids.insert(n.version_id);
  }
  calls << ":START_ID(Function),:END_ID(Function),kind,confidence,site,:TYPE\n";
  for (const auto& l : g.links)
    calls << l.from << "," << l.to << "," << csv(l.kind) << "," << csv(l.confidence) << "," << csv(l.site) << ",CALLS\n";
  versions << "id:ID(CrateVersion),name,version,status,:LABEL\n";
  SqliteStatement version(db, "SELECT name, version, status FROM crate_versions WHERE id = ?1");
  for (int64_t id : version_ids) {
    version.bind_int(1, id);
    if (version.next_row())
      versions << id << "," << csv(version.text(0)) << "," << csv(version.text(1)) << "," << csv(version.text(2))
               << ",CrateVersion\n";
    version.reset();
  }
  depends_on << ":START_ID(CrateVersion),:END_ID(CrateVersion),requirement,kind,:TYPE\n";
  SqliteStatement dependency(db, "SELECT from_version, resolved_version, requirement, kind FROM dependencies "
                                 "WHERE resolved_version IS NOT NULL");
  while (dependency.next_row())
    if (version_ids.contains(dependency.integer(0)) && version_ids.contains(dependency.integer(1)))
      depends_on << dependency.integer(0) << "," << dependency.integer(1) << "," << csv(dependency.text(2)) << ","
                 << csv(dependency.text(3)) << ",DEPENDS_ON\n";
  counts.crate_versions = version_ids.size();
  return true;
}

}  // namespace

Expected<ExportCounts> export_graph(const IndexReader& reader, const ExportSelection& selection, ExportFormat format,
                                    const std::string& out) {
  auto graph = select(reader, selection);
  if (!graph) return unexpected(graph.error());
  ExportCounts counts{graph->nodes.size(), graph->links.size(), 0};
  if (format == ExportFormat::neo4j) {
    auto written = write_neo4j(out, reader.db(), *graph, counts);
    if (!written) return unexpected(written.error());
    return counts;
  }
  std::ofstream file;
  if (out != "-") {
    file.open(out);
    if (!file) return unexpected(out + ": cannot be written");
  }
  std::ostream& stream = out == "-" ? std::cout : file;
  if (format == ExportFormat::graphml) write_graphml(stream, *graph);
  else write_dot(stream, *graph);
  stream.flush();
  if (!stream) return unexpected(out + ": writing failed");
  return counts;
}

}  // namespace cratescope::index
