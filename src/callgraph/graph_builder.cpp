// Modelling every package (in parallel), then linking: numbering functions
// globally, resolving each call site's paths in the target that names them
// (following re-exports into other crates, at the locked versions), and
// adding the trait-dispatch edges.
#include <tbb/parallel_for.h>

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "callgraph/build_call_graph.hpp"
#include "callgraph/crate_unit.hpp"
#include "callgraph/linker.hpp"
#include "callgraph/unit_cache.hpp"
#include "core/thread_limit.hpp"
#include "crates/crate_loader.hpp"

namespace cratescope::callgraph {

namespace {

// A registry crate version (or a locked git commit) never changes: its unit
// can be kept. Path packages are the user's own, edited at any time.
bool immutable(const load::GraphPackage& package) {
  if (!package.source || package.is_member) return false;
  switch (package.source->kind) {
    case load::SourceKind::registry:
    case load::SourceKind::sparse_registry:
    case load::SourceKind::local_registry:
    case load::SourceKind::directory: return true;
    case load::SourceKind::git: return !package.source->precise.empty();
    default: return false;
  }
}

// The size of a crate's Rust sources (an estimate of its modelling cost).
uintmax_t source_bytes(const std::filesystem::path& dir) {
  uintmax_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    if (it->path().extension() == ".rs" && it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// What a unit built with `cfg` is filed under, besides its source.
std::string cfg_key(const CfgFacts& cfg) {
  std::string key = "|target:" + cfg.platform.describe() + (cfg.as_dependency ? "|dependency" : "");
  if (cfg.features) {
    key += "|features:";
    for (const auto& f : *cfg.features) key += f + ",";
  }
  return key;
}

}  // namespace

class GraphBuilder {
 public:
  GraphBuilder(const load::ProjectGraph& graph, CallGraph& out) : graph_(graph), out_(out) {}

  void model_all(const Context& context, sources::ProjectSources& sources, const BuildOptions& options,
                 const ProgressCallback& progress) {
    size_t n = graph_.packages.size();
    units_.resize(n);
    std::vector<std::filesystem::path> dirs(n);
    std::vector<std::string> cache_keys(n);  // the directory, or what stands for a temporary one
    out_.packages.resize(n);
    // Packages only dependencies this build leaves off bring in are not
    // modelled: no code of the build can call them (see left_off_by_build).
    std::vector<bool> modelled(n);
    for (size_t i = 0; i < n; ++i) modelled[i] = graph_.reach(i).reached() && (options.only.empty() || options.only[i]);
    sources.check_vendored(context.threads, modelled);
    for (size_t i = 0; i < n; ++i) {
      PackageStatus& status = out_.packages[i];
      const load::Reach& reach = graph_.reach(i);
      if (!modelled[i]) {
        status.skipped = true;
        status.missing_reason = reach.reached()  ? "not needed"
                                : reach.left_off ? "not built (its dependents are left off)"
                                                 : "not used by the workspace";
      } else if (!sources.at(i).found()) {
        status.missing_reason = sources.at(i).reason;
      } else if (auto dir = sources.extract(i)) {
        dirs[i] = *dir;
        sources.report_warnings(i, context.diagnostics);
        cache_keys[i] = sources.at(i).cache_identity.empty() ? dirs[i].generic_string() : sources.at(i).cache_identity;
      } else {
        status.missing_reason = dir.error();
      }
    }
    Context inner{context.files, context.diagnostics, context.timers, 0};
    std::mutex progress_mutex;
    std::atomic<size_t> done = 0;
    // Largest crates first, so that no big one is left running alone at the end.
    std::vector<size_t> order;
    std::vector<uintmax_t> bytes(n, 0);
    for (size_t i = 0; i < n; ++i)
      if (!dirs[i].empty()) order.push_back(i);
    auto work = [&] {
      {  // a directory walk per crate: on a whole registry, most of a second on one core
        auto sizes_timer = context.timers.scope("call graph: sizes");
        tbb::parallel_for(size_t{0}, order.size(), [&](size_t k) { bytes[order[k]] = source_bytes(dirs[order[k]]); });
      }
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });
      // Grain 1 and a simple partitioner keep the largest-first order.
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, order.size(), 1),
          [&](const tbb::blocked_range<size_t>& range) {
            for (size_t k = range.begin(); k != range.end(); ++k) {
              size_t i = order[k];
              units_[i] = unit_of(inner, i, graph_.packages[i], graph_.platform, dirs[i], cache_keys[i], options);
              size_t now = ++done;
              if (progress) {
                std::lock_guard lock(progress_mutex);
                progress(now, order.size(), graph_.packages[i].name);
              }
            }
          },
          tbb::simple_partitioner());
    };
    with_thread_limit(context.threads, work);
  }

  // From the cache when the crate is immutable and was modelled before.
  static CrateUnit unit_of(const Context& context, size_t index, const load::GraphPackage& package,
                           const TargetPlatform& platform,
                           const std::filesystem::path& dir, const std::string& cache_key, const BuildOptions& options) {
    // The build's platform and the package's features decide which #[cfg]
    // code is left out; so does `cfg(test)` in a dependency: never compiled
    // for another crate, its tests are no path the project's code can take.
    CfgFacts cfg{platform, package.features, !package.is_member};
    std::filesystem::path cached;
    if (!options.cache_dir.empty() && immutable(package))
      cached = unit_cache_file(options.cache_dir, package.name, package.version.to_string(), package.source->raw,
                               cache_key + (cfg.narrows() ? cfg_key(cfg) : ""));
    bool must_model = index < options.must_model.size() && options.must_model[index];
    if (!cached.empty() && !must_model)
      if (std::optional<CrateUnit> unit = load_cached_unit(cached)) return std::move(*unit);
    InspectModel inspect;
    if (options.inspect) inspect = [&](const ModelInspection& modelled) { options.inspect(index, modelled); };
    CrateUnit unit =
        model_crate(context, dir.generic_string(), package.is_member, options.include_tests,
                                 cfg.narrows() ? &cfg : nullptr, inspect);
    if (!cached.empty()) save_cached_unit(unit, cached);
    return unit;
  }

  void link(unsigned threads) {
    number(threads);
    package_tables();
    trait_packages();
    left_off_by_build();
    method_tables();
    Linker linker(out_);
    // Edges per target, in parallel (the indexes are read-only by now).
    std::vector<std::vector<std::pair<FunctionId, Edge>>> per_target(out_.targets.size());
    std::atomic<size_t> unresolved = 0;
    auto work = [&] {
      tbb::parallel_for(size_t{0}, unit_targets_.size(), [&](size_t t) {
        const UnitTarget& unit = *unit_targets_[t];
        size_t missed = 0;
        for (const PendingCall& call : unit.calls)
          if (!linker.link(static_cast<uint32_t>(t), first_function_[t] + call.caller, call,
                           file_base_[t], per_target[t]))
            ++missed;
        unresolved += missed;
      });
    };
    with_thread_limit(threads, work);
    out_.unresolved_calls_ = unresolved;
    std::vector<std::pair<FunctionId, Edge>> dispatch = trait_dispatch_edges();
    per_target.push_back(std::move(dispatch));
    compress(per_target);
    auto release = [&] {  // the units' own tables: tens of thousands of allocations on a registry
      tbb::parallel_for(size_t{0}, units_.size(), [&](size_t p) { units_[p] = CrateUnit{}; });
    };
    with_thread_limit(threads, release);
    units_.clear();
  }

 private:
  const load::ProjectGraph& graph_;
  CallGraph& out_;
  std::vector<CrateUnit> units_;
  std::vector<UnitTarget*> unit_targets_;  // by global target index
  std::vector<FunctionId> first_function_;  // by global target index
  std::vector<uint32_t> file_base_;         // by global target index: its unit's first file

  // Numbers every function and file; each target's index learns its
  // functions in parallel (string-keyed tables: a third of the link's time
  // when it was done serially over the whole registry).
  void number(unsigned threads) {
    FunctionId next_function = static_cast<FunctionId>(out_.functions.size());
    for (size_t p = 0; p < units_.size(); ++p) {
      CrateUnit& unit = units_[p];
      uint32_t files = static_cast<uint32_t>(out_.files.size());
      for (auto& file : unit.files) out_.files.push_back(std::move(file));
      if (!unit.status.analyzed) continue;
      out_.packages[p].analyzed = true;
      out_.packages[p].unanalyzed_files = std::move(unit.status.unanalyzed_files);
      for (UnitTarget& t : unit.targets) {
        t.target.package = static_cast<uint32_t>(p);
        out_.targets.push_back(t.target);
        unit_targets_.push_back(&t);
        first_function_.push_back(next_function);
        next_function += static_cast<FunctionId>(t.functions.size());
        file_base_.push_back(files);
      }
    }
    out_.functions.resize(next_function);
    auto work = [&] {
      tbb::parallel_for(size_t{0}, unit_targets_.size(), [&](size_t target) {
        UnitTarget& t = *unit_targets_[target];
        FunctionId id = first_function_[target];
        for (Function& f : t.functions) {  // moved: the unit is not read again
          f.package = t.target.package;
          f.target = static_cast<uint32_t>(target);
          f.file += file_base_[target];
          t.index->add(f, id);
          out_.functions[id++] = std::move(f);
        }
      });
    };
    with_thread_limit(threads, work);
    for (UnitTarget* t : unit_targets_) out_.indexes_.push_back(std::move(t->index));
  }

  void package_tables() {
    size_t n = graph_.packages.size();
    out_.lib_target_.assign(n, -1);
    for (size_t t = 0; t < out_.targets.size(); ++t)
      if (out_.targets[t].kind == model::TargetKind::lib) out_.lib_target_[out_.targets[t].package] = static_cast<int32_t>(t);
    out_.package_names_.resize(n);
    out_.package_labels.resize(n);
    out_.members.resize(n);
    for (size_t i = 0; i < n; ++i) {
      out_.package_names_[i] = crates::crate_identifier(graph_.packages[i].name);
      out_.package_labels[i] = graph_.packages[i].name + "@" + graph_.packages[i].version.to_string();
      out_.members[i] = graph_.packages[i].is_member;
    }
    out_.dependencies_.assign(n, {});
    for (size_t i = 0; i < n; ++i)
      for (size_t e : graph_.out_edges(i))
        if (graph_.edges[e].enabled()) out_.dependencies_[i].push_back(static_cast<uint32_t>(graph_.edges[e].to));
    using load::DependencyKind;
    auto normal = [](DependencyKind k) { return k == DependencyKind::normal; };
    visibility(CallGraph::kNormalKinds, normal, normal, true);
    visibility(CallGraph::kBuildKinds, [](DependencyKind k) { return k == DependencyKind::build; }, normal, true);
    visibility(CallGraph::kDevKinds, [](DependencyKind k) { return k != DependencyKind::build; }, normal, true);
    visibility(CallGraph::kAnyKind, [](DependencyKind) { return true; }, [](DependencyKind) { return true; }, false);
    // Where values of types a caller does not write down can come from: the
    // code of the members that can reach its package (tests included) hands
    // them over. A member nothing else depends on is handed only what its
    // own code names (a lib is never handed its dev-dependencies' types, nor
    // a sibling test kit's).
    const PackageSets& dev = out_.visible_[CallGraph::kDevKinds];
    std::vector<std::vector<uint32_t>> handed(n);
    for (size_t m = 0; m < n; ++m) {
      if (!graph_.packages[m].is_member) continue;
      for (uint32_t p : dev.of(m))
        if (p != m) handed[p].insert(handed[p].end(), dev.of(m).begin(), dev.of(m).end());
    }
    out_.handed_over_.assign(n);
    for (size_t p = 0; p < n; ++p)
      if (!handed[p].empty()) out_.handed_over_.set(p, std::move(handed[p]));
  }

  // What each package's code can name: its dependencies of the kinds
  // `first_hop` admits, then theirs of the kinds `later` admits. With
  // `stop_at_proc_macros`, a proc-macro crate's own dependencies are not
  // followed (they run in the compiler, the code never holds their values).
  template <class FirstHop, class Later>
  void visibility(size_t view, FirstHop first_hop, Later later, bool stop_at_proc_macros) {
    size_t n = graph_.packages.size();
    PackageSets& visible = out_.visible_[view];
    visible.assign(n);
    std::vector<size_t> seen_by(n, SIZE_MAX);  // the `from` whose walk saw the package last
    for (size_t from = 0; from < n; ++from) {
      if (out_.packages[from].skipped) continue;  // nothing of it is asked for
      std::vector<size_t> stack;
      std::vector<uint32_t> seen{static_cast<uint32_t>(from)};
      seen_by[from] = from;
      auto push = [&](size_t to) {
        if (seen_by[to] == from) return;
        seen_by[to] = from;
        seen.push_back(static_cast<uint32_t>(to));
        if (!stop_at_proc_macros || !graph_.packages[to].proc_macro.value_or(false)) stack.push_back(to);
      };
      for (size_t e : graph_.out_edges(from))
        if (first_hop(graph_.edges[e].kind) && graph_.edges[e].enabled()) push(graph_.edges[e].to);
      while (!stack.empty()) {
        size_t at = stack.back();
        stack.pop_back();
        for (size_t e : graph_.out_edges(at))
          if (later(graph_.edges[e].kind) && graph_.edges[e].enabled()) push(graph_.edges[e].to);
      }
      visible.set(from, std::move(seen));
    }
  }

  // Packages the members reach only through dependencies this build leaves
  // off (an optional one the selected features do not turn on, one for
  // another platform): the code cannot call them, and a verdict should say why.
  void left_off_by_build() {
    for (const auto& left_off : graph_.edges) {
      // Below a package that is not built itself, the first edge left off says why.
      if (left_off.enabled() || !graph_.reach(left_off.from).reached()) continue;
      const load::GraphPackage& from_package = graph_.packages[left_off.from];
      const std::string& from = from_package.name;
      std::string what = !left_off.target_enabled
                             ? from + "'s dependency " + left_off.name + " for " + left_off.target + " (not built for " +
                                   graph_.platform.describe() + ")"
                         : from_package.is_member
                             ? from + "'s optional dependency " + left_off.name + " (off with " + graph_.feature_selection.describe() +
                                   "; --features or --all-features turn it on)"
                             : from + "'s optional dependency " + left_off.name + " (no feature of this build turns it on)";
      // What the left-off dependency would have brought in.
      auto brought = graph_.reachable_from({left_off.to}, [](const load::GraphEdge&) { return true; });
      for (size_t at = 0; at < brought.size(); ++at) {
        if (!brought[at] || graph_.reach(at).reached()) continue;
        std::string& note = out_.packages[at].left_off;
        if (note.find(what) == std::string::npos) note += (note.empty() ? "" : ", ") + what;
      }
    }
  }

  // The package that declares each impl method's trait, by the name the
  // impl's crate gives it; -1 for std's and for traits the `use`s hid.
  void trait_packages() {
    out_.trait_package_.assign(out_.functions.size(), -1);
    for (FunctionId f = 0; f < out_.functions.size(); ++f) {
      const Function& fn = out_.functions[f];
      if (fn.trait_crate.empty() || fn.trait_crate == "std") continue;
      if (fn.trait_crate == "crate") {
        out_.trait_package_[f] = static_cast<int32_t>(fn.package);
        continue;
      }
      for (uint32_t dependency : out_.dependencies_[fn.package])
        if (out_.package_names_[dependency] == fn.trait_crate) out_.trait_package_[f] = static_cast<int32_t>(dependency);
    }
  }

  void method_tables() {
    auto& ids = out_.method_ids_;
    for (FunctionId f = 0; f < out_.functions.size(); ++f) {
      const Function& fn = out_.functions[f];
      if (fn.kind != model::ItemKind::method && fn.kind != model::ItemKind::trait_method) continue;
      auto it = ids.find(fn.name());  // most names are met before: no key built for them
      if (it == ids.end()) {
        it = ids.emplace(std::string(fn.name()), static_cast<MethodNameId>(out_.method_names_.size())).first;
        out_.method_names_.emplace_back(fn.name());
        out_.methods_by_name_.emplace_back();
      }
      out_.methods_by_name_[it->second].push_back(f);
    }
  }

  // A trait's method (default body or not) to every impl of it, in any crate:
  // what a call through `dyn Trait` or a generic `T: Trait` can land in.
  std::vector<std::pair<FunctionId, Edge>> trait_dispatch_edges() const {
    StringMap<std::vector<FunctionId>> impls;  // "Trait::f"
    std::string key;
    for (FunctionId f = 0; f < out_.functions.size(); ++f) {
      const Function& fn = out_.functions[f];
      if (fn.trait_name.empty()) continue;
      key.assign(fn.trait_name).append("::").append(fn.name());
      auto found = impls.find(key);
      if (found == impls.end()) found = impls.emplace(key, std::vector<FunctionId>{}).first;
      found->second.push_back(f);
    }
    std::vector<std::pair<FunctionId, Edge>> edges;
    for (FunctionId f = 0; f < out_.functions.size(); ++f) {
      const Function& fn = out_.functions[f];
      if (fn.kind != model::ItemKind::trait_method) continue;
      size_t last = fn.path.rfind("::");
      size_t trait_start = fn.path.rfind("::", last - 1);
      auto found = impls.find(std::string_view(fn.path).substr(trait_start + 2));
      if (found == impls.end()) continue;
      for (FunctionId impl : found->second) {
        if (!out_.can_see(out_.functions[impl].package, fn.package)) continue;  // an impl of another trait of that name
        edges.push_back({f, Edge{impl, fn.file, fn.position, EdgeKind::trait_impl, Confidence::low}});
      }
    }
    return edges;
  }

  void compress(std::vector<std::vector<std::pair<FunctionId, Edge>>>& parts) {
    std::vector<uint32_t> counts(out_.functions.size() + 1, 0);
    for (const auto& part : parts)
      for (const auto& [from, edge] : part) ++counts[from + 1];
    for (size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    out_.edge_begin_ = counts;
    out_.edges_.resize(counts.back());
    std::vector<uint32_t> next(counts.begin(), counts.end() - 1);
    for (auto& part : parts) {
      for (auto& [from, edge] : part) out_.edges_[next[from]++] = edge;
      part.clear();
      part.shrink_to_fit();
    }
  }
};

CallGraph build_call_graph(const Context& context, const load::ProjectGraph& graph, sources::ProjectSources& sources,
                           const BuildOptions& options, const ProgressCallback& progress) {
  CallGraph out;
  GraphBuilder builder(graph, out);
  {
    auto timer = context.timers.scope("call graph: model");
    builder.model_all(context, sources, options, progress);
  }
  auto timer = context.timers.scope("call graph: link");
  builder.link(context.threads);
  return out;
}

}  // namespace cratescope::callgraph
