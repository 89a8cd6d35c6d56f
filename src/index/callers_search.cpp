// `query callers` and `blast-radius`: backwards from target functions over
// the index's calls, breadth first.
//
// Across the ecosystem, crossing a trait-dispatch edge backwards (from an
// impl in crate X to the trait's method) adds X to what a caller beyond must
// depend on: only code that can see X can hold a value of X's type. A
// function is reported once, by the first (shortest) path whose conditions
// its crate version meets. Within one crate version's dependencies
// (CallersOptions::within) every impl is one it depends on: no conditions.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "index/index_queries.hpp"

namespace cratescope::index {

namespace {

// Callers searched before giving up (and saying so).
constexpr size_t kMaxCallerStates = 500000;
// When the search across the ecosystem had to leave chains of trait impls
// unfollowed, it is done again per dependent version (complete, see
// CallersOptions::within) if there are at most this many.
constexpr size_t kMaxDependentSearches = 2000;
constexpr size_t kMaxDependentSearchSteps = 4 * kMaxCallerStates;

// A call into a function, as read from `calls` or `method_calls`.
struct IncomingCall {
  int64_t caller, version;
  SourceLocation site;
  std::string kind, confidence;
  int arity = -1;  // by method name: the arguments written (-1: not known, or not by name)
  std::string receiver;  // by method name: what is known of the receiver (method_calls.receiver)
};

// The sets of versions a caller must be or depend on, each stored once:
// states name them by number (0: no condition, by far the most common).
class NeedsSets {
 public:
  NeedsSets() { sets_.emplace_back(); }
  uint32_t id(std::vector<int64_t> needs) {  // sorted
    auto [it, added] = ids_.try_emplace(needs, static_cast<uint32_t>(sets_.size()));
    if (added) sets_.push_back(std::move(needs));
    return it->second;
  }
  const std::vector<int64_t>& operator[](uint32_t id) const { return sets_[id]; }

 private:
  std::vector<std::vector<int64_t>> sets_;
  std::map<std::vector<int64_t>, uint32_t> ids_;
};

}  // namespace

// What searches read from the index, kept for the reader's life (the index
// does not change under it): blast-radius runs one search per dependent, and
// a common method name (`clone`, `parse`) has tens of thousands of calls.
// Searches point into the vectors, which never change once read.
struct CallsCache {
  explicit CallsCache(const SqliteDb& db)
      : incoming(db, R"sql(SELECT c.caller, c.kind, c.confidence, v.name || '-' || v.version || '/' || fl.path,
          c.line, c.col, f.version_id, -1, '' FROM calls c JOIN functions f ON f.id = c.caller
          JOIN crate_versions v ON v.id = f.version_id LEFT JOIN files fl ON fl.id = c.file_id WHERE c.callee = ?1)sql"),
        // (The same columns as `incoming`: calls by method name are low-confidence edges.)
        by_method(db, R"sql(SELECT m.caller, 'method_name', 'low', v.name || '-' || v.version || '/' || fl.path,
          m.line, m.col, f.version_id, m.arity, m.receiver FROM method_calls m JOIN functions f ON f.id = m.caller
          JOIN crate_versions v ON v.id = f.version_id LEFT JOIN files fl ON fl.id = m.file_id WHERE m.method = ?1
          ORDER BY f.version_id)sql"),
        callee_info(db, R"sql(SELECT name, has_self, version_id, arity, kind = 'trait-fn', is_pub, trait_impl,
          COALESCE(trait_version, 0), self_local, has_body FROM functions WHERE id = ?1)sql"),
        up(db, "SELECT DISTINCT from_version FROM dependencies WHERE resolved_version = ?1 AND kind <> 'dev'"),
        down(db, "SELECT DISTINCT resolved_version FROM dependencies WHERE from_version = ?1 AND kind <> 'dev' "
                 "AND resolved_version IS NOT NULL") {}

  SqliteStatement incoming, by_method, callee_info, up, down;
  std::unordered_map<int64_t, std::vector<IncomingCall>> calls_to_function;
  // By method name: the calls in version order, and where each version's start.
  struct NamedCalls {
    std::vector<IncomingCall> calls;
    std::unordered_map<int64_t, std::pair<size_t, size_t>> of_version;  // [begin, end) in calls
  };
  std::unordered_map<std::string, NamedCalls> calls_by_name;
  std::unordered_map<int64_t, std::unordered_set<int64_t>> dependents, dependencies;

  struct Callee {
    std::string name;
    bool has_self = false;
    int64_t version = 0;
    int arity = -1;  // parameters besides `self` (-1: not counted)
    bool trait_method = false;  // a trait's own declaration (with or without a default body)
    bool is_pub = false, trait_impl = false, self_local = false, has_body = true;
    int64_t trait_version = 0;  // an impl of a crate's trait: the version declaring it (0: std's, or unknown)

    // Who can call it by method name: the dependents of its version, or for
    // an impl of a crate's trait, of the trait's (the trait must be in scope).
    int64_t seen_through() const { return trait_impl && trait_version ? trait_version : version; }
    // Whether a call by method name can be this method, by what the call
    // knows: the filters of the project call graph (CallGraph::for_each_method_callee).
    bool may_take(const IncomingCall& call) const {
      if (call.arity >= 0 && arity >= 0 && call.arity != arity) return false;
      bool inherent = !trait_impl && !trait_method;
      bool typed = call.receiver == "typed" || call.receiver == "std";
      // A known receiver type without the method: only a crate's trait can add it.
      if (typed && !trait_method && !(trait_impl && trait_version)) return false;
      if (call.receiver == "generic" && inherent) return false;  // bounds give trait methods only
      // On std's values: impls for std's types (or blanket ones) and default bodies.
      if (call.receiver == "std" && (self_local || (trait_method && !has_body))) return false;
      return !inherent || is_pub || call.version == version;  // a private method is its crate's
    }
  };
  std::unordered_map<int64_t, Callee> callees;
  // Asked once per state: a search per dependent asks again for the same functions.
  const Callee& callee(int64_t function) {
    auto [it, inserted] = callees.try_emplace(function);
    if (inserted) {
      callee_info.bind_int(1, function);
      if (callee_info.next_row()) {
        Callee& c = it->second;
        c.name = callee_info.text(0);
        c.has_self = callee_info.integer(1) != 0;
        c.version = callee_info.integer(2);
        c.arity = static_cast<int>(callee_info.integer(3));
        c.trait_method = callee_info.integer(4) != 0;
        c.is_pub = callee_info.integer(5) != 0;
        c.trait_impl = callee_info.integer(6) != 0;
        c.trait_version = callee_info.integer(7);
        c.self_local = callee_info.integer(8) != 0;
        c.has_body = callee_info.integer(9) != 0;
      }
      callee_info.reset();
    }
    return it->second;
  }
  const std::vector<IncomingCall>& calls_to(int64_t callee) {
    auto [it, inserted] = calls_to_function.try_emplace(callee);
    if (inserted) {
      incoming.bind_int(1, callee);
      read_rows(incoming, it->second);
    }
    return it->second;
  }
  const NamedCalls& calls_named(const std::string& name) {
    auto [it, inserted] = calls_by_name.try_emplace(name);
    if (inserted) {
      NamedCalls& named = it->second;
      by_method.bind(1, name);
      read_rows(by_method, named.calls);
      for (size_t i = 0; i < named.calls.size(); ++i) {
        auto [range, added] = named.of_version.try_emplace(named.calls[i].version, i, i + 1);
        if (!added) range->second.second = i + 1;
      }
    }
    return it->second;
  }
  // The versions that are `version` or depend on it (not through dev-dependencies).
  const std::unordered_set<int64_t>& dependents_of(int64_t version) { return closure(dependents, up, version); }
  // The versions `version` is or depends on.
  const std::unordered_set<int64_t>& dependencies_of(int64_t version) { return closure(dependencies, down, version); }

 private:
  static void read_rows(SqliteStatement& query, std::vector<IncomingCall>& out) {
    while (query.next_row())
      out.push_back({query.integer(0), query.integer(6),
                     {query.text(3), {static_cast<uint32_t>(query.integer(4)), static_cast<uint32_t>(query.integer(5))}},
                     query.text(1), query.text(2), static_cast<int>(query.integer(7)), query.text(8)});
    query.reset();
  }
  static const std::unordered_set<int64_t>& closure(std::unordered_map<int64_t, std::unordered_set<int64_t>>& memo,
                                                     SqliteStatement& step, int64_t version) {
    auto [it, inserted] = memo.try_emplace(version);
    if (!inserted) return it->second;
    std::vector<int64_t> stack{version};
    it->second.insert(version);
    while (!stack.empty()) {
      step.bind_int(1, stack.back());
      stack.pop_back();
      while (step.next_row())
        if (it->second.insert(step.integer(0)).second) stack.push_back(step.integer(0));
      step.reset();
    }
    return it->second;
  }
};

namespace {

std::string conditions_note(unsigned max_conditions) {
  return "some functions are reached through more than " + std::to_string(max_conditions) +
         " different chains of trait impls: paths beyond that were not followed, callers may be missing";
}

class CallersSearch {
 public:
  CallersSearch(CallsCache& cache, const CallersOptions& options) : cache_(cache), options_(options) {}

  struct State {
    int64_t function;
    uint32_t needs;           // NeedsSets id
    size_t parent;            // state index of the callee; SIZE_MAX: a target
    const IncomingCall* via;  // the call from this function to the parent's; null: a target
  };

  // Only the bound on conditions left paths out (a per-dependent search completes it).
  bool only_conditions_dropped() const { return conditions_dropped_ && !capped_; }
  size_t steps() const { return steps_; }

  // Fills `result`'s callers (unordered), notes, truncation and completeness.
  void run(const std::vector<int64_t>& targets, const IndexReader& reader, CallersResult& result) {
    is_target_.insert(targets.begin(), targets.end());
    std::vector<size_t> frontier;
    for (int64_t t : targets) {
      std::vector<uint32_t>& seen = visits_[t];
      if (!seen.empty()) continue;
      seen.push_back(0);
      states_.push_back({t, 0, SIZE_MAX, nullptr});
      frontier.push_back(states_.size() - 1);
    }
    for (unsigned depth = 0; !frontier.empty() && depth < options_.depth && !capped_; ++depth)
      frontier = expand(frontier);
    result.truncated = !frontier.empty();
    if (capped_)
      result.notes.push_back("stopped after " + std::to_string(kMaxCallerStates) +
                             " steps: callers further away are not listed");
    else if (result.truncated)
      result.notes.push_back("stopped at depth " + std::to_string(options_.depth) +
                             ": callers further away are not listed");
    result.incomplete = capped_ || conditions_dropped_;
    if (conditions_dropped_) result.notes.push_back(conditions_note(options_.max_conditions));
    for (const auto& [caller, state] : reported_) {
      auto f = reader.function(caller);
      if (!f) continue;
      Caller out{*f, {}};
      for (size_t at = state; states_[at].parent != SIZE_MAX; at = states_[at].parent) {
        auto callee = reader.function(states_[states_[at].parent].function);
        if (!callee) break;
        const IncomingCall& call = *states_[at].via;
        out.path.push_back({*callee, call.site, call.kind, call.confidence});
      }
      result.callers.push_back(std::move(out));
    }
  }

 private:
  CallsCache& cache_;
  const CallersOptions& options_;
  std::vector<State> states_;
  NeedsSets needs_;
  // The conditions each function was searched under: a set that includes
  // one of them finds nothing more.
  std::unordered_map<int64_t, std::vector<uint32_t>> visits_;
  std::unordered_set<int64_t> is_target_;
  std::unordered_map<int64_t, size_t> reported_;  // function -> state
  // What a method name led to already: the same name in the same version,
  // with the same conditions, reaches the same callers again (all visited).
  // Names already expanded, with what decides which calls match (Callee::may_take): many
  // callees of one version share a name (`clone`) and reach the same callers.
  std::set<std::tuple<std::string, int64_t, int64_t, int, unsigned, uint32_t>> expanded_names_;
  std::unordered_map<uint64_t, bool> overlap_;  // version << 32 | need
  size_t steps_ = 0;
  bool capped_ = false;
  bool conditions_dropped_ = false;

  std::vector<size_t> expand(const std::vector<size_t>& frontier) {
    std::vector<size_t> next;
    for (size_t from : frontier) {
      uint32_t needs = states_[from].needs;
      const CallsCache::Callee& callee = cache_.callee(states_[from].function);
      for (const IncomingCall& call : cache_.calls_to(states_[from].function)) {
        // Through a trait impl: the caller must see the impl's crate (within
        // one version's dependencies, it does).
        bool condition = call.kind == "trait-impl" && callee.version && !options_.within;
        reach(from, call, condition ? with_need(needs, callee.version) : needs, next);
      }
      if (!options_.method_names || !callee.has_self) continue;
      unsigned flags = callee.trait_method | callee.is_pub << 1 | callee.trait_impl << 2 | callee.self_local << 3 |
                       callee.has_body << 4;
      if (!expanded_names_.insert({callee.name, callee.version, callee.seen_through(), callee.arity, flags, needs}).second)
        continue;
      const auto& visible = cache_.dependents_of(callee.seen_through());
      const CallsCache::NamedCalls& named = cache_.calls_named(callee.name);
      if (options_.within && options_.within->size() < named.of_version.size()) {  // the few versions in scope
        for (int64_t version : *options_.within) {
          auto range = named.of_version.find(version);
          if (range == named.of_version.end() || !visible.contains(version)) continue;
          for (size_t i = range->second.first; i < range->second.second; ++i)
            if (callee.may_take(named.calls[i])) reach(from, named.calls[i], needs, next);
        }
      } else {
        for (const IncomingCall& call : named.calls)
          if (visible.contains(call.version) && callee.may_take(call)) reach(from, call, needs, next);
      }
    }
    return next;
  }

  // A function is searched under at most `max_conditions` sets of conditions
  // besides none: chains of trait impls multiply them (unbounded, a function
  // reached through serde's traits re-walked serde's callers once per set).
  void reach(size_t from, const IncomingCall& call, uint32_t needs, std::vector<size_t>& next) {
    if (capped_ || is_target_.contains(call.caller)) return;
    if (options_.within && !options_.within->contains(call.version)) return;
    if (needs != 0 && !can_lead(call.version, needs_[needs])) return;
    std::vector<uint32_t>& seen = visits_[call.caller];
    const std::vector<int64_t>& set = needs_[needs];
    for (uint32_t earlier : seen) {
      const std::vector<int64_t>& before = needs_[earlier];
      if (std::includes(set.begin(), set.end(), before.begin(), before.end())) return;
    }
    if (needs != 0 &&
        static_cast<unsigned>(std::count_if(seen.begin(), seen.end(), [](uint32_t n) { return n != 0; })) >=
            options_.max_conditions) {
      conditions_dropped_ = true;
      return;
    }
    seen.push_back(needs);
    if (++steps_ > kMaxCallerStates) {
      capped_ = true;
      return;
    }
    states_.push_back({call.caller, needs, from, &call});
    size_t at = states_.size() - 1;
    bool listed = !options_.only_version || call.version == options_.only_version;
    if (listed && !reported_.contains(call.caller) && meets(call.version, needs_[needs])) reported_.emplace(call.caller, at);
    next.push_back(at);
  }

  // `needs` and `version`, the fewest that say the same: depending on a
  // version implies depending on what it depends on (chains of impls along a
  // dependency line are one condition).
  uint32_t with_need(uint32_t needs, int64_t version) {
    const auto& implied_by = cache_.dependents_of(version);
    for (int64_t need : needs_[needs])
      if (implied_by.contains(need)) return needs;  // a need already depends on `version`
    std::vector<int64_t> out{version};
    for (int64_t need : needs_[needs])
      if (!cache_.dependents_of(need).contains(version)) out.push_back(need);
    std::sort(out.begin(), out.end());
    return needs_.id(std::move(out));
  }
  bool meets(int64_t version, const std::vector<int64_t>& needs) {
    return std::all_of(needs.begin(), needs.end(),
                       [&](int64_t need) { return cache_.dependents_of(need).contains(version); });
  }
  // Whether code of `version` can still lead to a caller that meets `needs`:
  // some crate version must depend on both.
  bool can_lead(int64_t version, const std::vector<int64_t>& needs) {
    for (int64_t need : needs) {
      uint64_t key = static_cast<uint64_t>(version) << 32 | static_cast<uint32_t>(need);
      auto [it, inserted] = overlap_.try_emplace(key, false);
      if (inserted) {
        const auto& a = cache_.dependents_of(version);
        const auto& b = cache_.dependents_of(need);
        const auto& small = a.size() < b.size() ? a : b;
        const auto& large = a.size() < b.size() ? b : a;
        it->second = std::any_of(small.begin(), small.end(), [&](int64_t v) { return large.contains(v); });
      }
      if (!it->second) return false;
    }
    return true;
  }
};

}  // namespace

CallsCache& IndexReader::calls_cache() const {
  if (!calls_cache_) calls_cache_ = std::make_unique<CallsCache>(db_);
  return *calls_cache_;
}

// Here, where CallsCache is a complete type (the reader owns one).
IndexReader::IndexReader(SqliteDb db) : db_(std::move(db)) {}
IndexReader::~IndexReader() = default;
IndexReader::IndexReader(IndexReader&&) noexcept = default;
IndexReader& IndexReader::operator=(IndexReader&&) noexcept = default;

const std::unordered_set<int64_t>& IndexReader::dependencies_of(int64_t version_id) const {
  return calls_cache().dependencies_of(version_id);
}

// The callers the search across the ecosystem may have missed, found by a
// search per dependent version among the versions it depends on.
void IndexReader::complete_per_dependent(const CallersOptions& options, CallersResult& result) const {
  CallsCache& cache = calls_cache();
  std::map<int64_t, std::vector<int64_t>> by_version;  // target version -> targets
  for (const IndexedFunction& t : result.targets) by_version[t.version_id].push_back(t.id);
  std::set<int64_t> dependents;
  for (const auto& [version, _] : by_version) {
    const auto& more = cache.dependents_of(version);
    dependents.insert(more.begin(), more.end());
    if (dependents.size() > kMaxDependentSearches) return;
  }
  std::unordered_set<int64_t> listed;
  for (const Caller& c : result.callers) listed.insert(c.function.id);
  bool incomplete = false;
  size_t steps = 0;  // all the searches together stay within a few times one search's bound
  for (int64_t dependent : dependents) {
    if (steps > kMaxDependentSearchSteps) {
      result.notes.push_back("stopped the searches per dependent after " + std::to_string(steps) +
                             " steps: callers may be missing");
      incomplete = true;
      break;
    }
    const auto& within = cache.dependencies_of(dependent);
    std::vector<int64_t> in_scope;
    for (const auto& [version, functions] : by_version)
      if (within.contains(version)) in_scope.insert(in_scope.end(), functions.begin(), functions.end());
    CallersOptions scoped = options;
    scoped.within = &within;
    scoped.only_version = dependent;
    CallersResult part;
    CallersSearch search(cache, scoped);
    search.run(in_scope, *this, part);
    steps += search.steps();
    incomplete = incomplete || part.incomplete;
    result.truncated = result.truncated || part.truncated;
    for (Caller& c : part.callers)
      if (listed.insert(c.function.id).second) result.callers.push_back(std::move(c));
  }
  result.incomplete = incomplete;
  if (incomplete) return;
  std::erase(result.notes, conditions_note(options.max_conditions));
  result.notes.push_back("searched again in each of the " + std::to_string(dependents.size()) +
                         " dependent versions on its own (many chains of trait impls lead to these functions)");
}

void IndexReader::callers_of(const std::vector<int64_t>& targets, const CallersOptions& options,
                             CallersResult& result) const {
  for (int64_t id : targets)
    if (auto f = function(id)) result.targets.push_back(*f);
  CallersSearch search(calls_cache(), options);
  search.run(targets, *this, result);
  if (search.only_conditions_dropped()) complete_per_dependent(options, result);
  auto order = [](const IndexedFunction& a, const IndexedFunction& b) {
    if (a.crate != b.crate) return a.crate < b.crate;
    if (a.version != b.version) return version_less(a.version, b.version);
    return a.path < b.path;
  };
  std::sort(result.callers.begin(), result.callers.end(),
            [&](const Caller& a, const Caller& b) { return order(a.function, b.function); });
  std::sort(result.targets.begin(), result.targets.end(), order);
}

}  // namespace cratescope::index
