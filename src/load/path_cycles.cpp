#include "load/path_cycles.hpp"

#include <map>

namespace cratescope::load {
namespace {

std::string directory_key(const fs::path& manifest_path) {
  return manifest_path.parent_path().lexically_normal().generic_string();
}

class CycleFinder {
 public:
  CycleFinder(const Workspace& ws, Context& ctx) : ctx_(ctx) {
    for (auto* list : {&ws.members, &ws.path_dependencies})
      for (const Manifest& m : *list) by_directory_.emplace(directory_key(m.path), &m);
  }

  void run(const Workspace& ws) {
    for (const Manifest& m : ws.members) visit(m);
    for (const Manifest& m : ws.path_dependencies) visit(m);
  }

 private:
  enum class State { unvisited, on_stack, done };

  static std::string name_of(const Manifest& m) { return m.package ? m.package->name : m.path; }

  void visit(const Manifest& manifest) {
    State& state = state_[&manifest];
    if (state != State::unvisited) return;
    state = State::on_stack;
    stack_.push_back(&manifest);
    for (const DependencySpec& spec : manifest.dependencies) {
      if (!spec.path || spec.kind == DependencyKind::dev) continue;
      fs::path target_dir = (fs::path(manifest.path).parent_path() / *spec.path).lexically_normal();
      auto it = by_directory_.find(target_dir.generic_string());
      if (it == by_directory_.end()) continue;
      const Manifest* target = it->second;
      if (state_[target] == State::on_stack) report(manifest, spec, *target);
      else visit(*target);
    }
    stack_.pop_back();
    state_[&manifest] = State::done;
  }

  void report(const Manifest& from, const DependencySpec& spec, const Manifest& target) {
    std::string cycle;
    bool in_cycle = false;
    for (const Manifest* m : stack_) {
      in_cycle = in_cycle || m == &target;
      if (in_cycle) cycle += name_of(*m) + " → ";
    }
    cycle += name_of(target);
    auto text = ctx_.files.read_file(from.path);
    ctx_.diagnostics.error(from.path, text ? *text : std::string(), spec.position,
                           "dependency cycle: " + cycle + " (Cargo only allows cycles through dev-dependencies)");
  }

  Context& ctx_;
  std::map<std::string, const Manifest*> by_directory_;
  std::map<const Manifest*, State> state_;
  std::vector<const Manifest*> stack_;
};

}  // namespace

void report_path_dependency_cycles(const Workspace& workspace, Context& ctx) {
  CycleFinder finder(workspace, ctx);
  finder.run(workspace);
}

}  // namespace cratescope::load
