// Build-time tool: validates rules/catalogue/*.yaml and writes them out as C++ tables.
// A malformed catalogue fails the build with file:line:column, never a runtime surprise.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue/anchors.h"
#include "catalogue/first_pass.h"
#include "catalogue/members.h"
#include "core/category.h"

namespace {

std::string file_name;

[[noreturn]] void die(const YAML::Node& n, const std::string& msg) {
  auto m = n.Mark();
  std::cerr << file_name << ":" << (m.line + 1) << ":" << (m.column + 1) << ": " << msg << "\n";
  std::exit(1);
}

std::string lit(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      case '\t': out += "\\t"; break;
      case '?': out += "\\?"; break;  // no trigraphs
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string scalar(const YAML::Node& map, const char* key, bool required) {
  auto n = map[key];
  if (!n || n.IsNull()) {
    if (required) die(map, std::string("missing `") + key + "`");
    return "";
  }
  if (!n.IsScalar()) die(n, std::string("`") + key + "` must be a single value");
  return n.Scalar();
}

std::vector<std::string> list(const YAML::Node& map, const char* key) {
  std::vector<std::string> out;
  auto n = map[key];
  if (!n || n.IsNull()) return out;
  if (!n.IsSequence()) die(n, std::string("`") + key + "` must be a list");
  for (auto i : n) {
    if (!i.IsScalar()) die(i, std::string("items of `") + key + "` must be strings");
    out.push_back(i.Scalar());
  }
  return out;
}

// Rule IDs registered in src/rules/ (from the rule source file names); empty = not checked.
std::set<std::string> rule_ids;
bool check_rule_ids = false;

// A `rules:` or `caused_by:` list: IDs of registered rules, each once per entry.
std::vector<std::string> rule_list(const YAML::Node& entry, const char* key, std::set<std::string>& seen) {
  std::vector<std::string> out;
  auto n = entry[key];
  if (!n || n.IsNull()) return out;
  if (!n.IsSequence()) die(n, std::string("`") + key + "` must be a list of rule IDs");
  for (auto i : n) {
    if (!i.IsScalar()) die(i, std::string("items of `") + key + "` must be rule IDs");
    const std::string& id = i.Scalar();
    if (check_rule_ids && !rule_ids.count(id))
      die(i, std::string("`") + key + "` names rule `" + id + "`, which is not registered (no src/rules/" + id +
                 "_*.cpp)");
    if (!seen.insert(id).second) die(i, "rule `" + id + "` is linked twice in this entry (`rules` or `caused_by`)");
    out.push_back(id);
  }
  return out;
}

void check_regex(const YAML::Node& where, const std::string& pattern, int groups) {
  RE2 re(pattern, RE2::Quiet);
  if (!re.ok()) die(where, "pattern does not compile with RE2: " + re.error() + ": " + pattern);
  if (groups >= 0 && re.NumberOfCapturingGroups() != groups)
    die(where, "pattern must have exactly " + std::to_string(groups) + " capture group(s): " + pattern);
}

// Writes `text` to `path` unless the file holds it already (keeps the build from recompiling).
void write_if_changed(const std::string& path, const std::string& text) {
  std::ifstream old(path);
  std::stringstream old_text;
  old_text << old.rdbuf();
  if (old_text.str() != text) std::ofstream(path) << text;
}

// `bytes` as C++ string literal text, every byte kept: octal escapes (never more than three
// digits, unlike \x) for all but plain characters; adjacent literals of about 100 columns.
std::string c_literal(std::string_view bytes) {
  std::string out, line = "\"";
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?') {
      line += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      line += buf;
    }
    if (line.size() > 96) {
      out += line + "\"\n    ";
      line = "\"";
    }
  }
  return out + line + "\"";
}

// The first-pass members as the program would derive them (members.h), written as tables, and
// compiled into a Hyperscan database written as one string literal. Without a database
// (Hyperscan refused the members) the program compiles it at run time, so this warns and does
// not fail the build.
std::string first_pass_source(const std::vector<std::string>& patterns,
                              const std::vector<std::vector<std::string>>& literals) {
  std::vector<std::string_view> regexes(patterns.begin(), patterns.end());
  std::vector<std::vector<std::string_view>> views;
  for (auto& l : literals) views.emplace_back(l.begin(), l.end());
  std::deque<std::string> owned;
  auto plan = od::catalogue::plan_members(regexes, views, owned);
  auto db = od::catalogue::hyperscan_serialize(od::catalogue::first_pass_members(plan));
  if (!db) std::cerr << "od-catalogue-gen: warning: " << db.error().str() << "; it will be compiled at run time\n";
  std::string bytes = db ? *db : std::string();
  std::ostringstream out;
  out << "// Generated by od-catalogue-gen from rules/catalogue/*.yaml; do not edit.\n"
      << "// The first pass's members and its Hyperscan database, serialised (" << bytes.size() << " bytes).\n"
      << "#include \"catalogue/members.h\"\n\nnamespace od::catalogue::generated {\nnamespace {\n"
      << "constexpr std::string_view kText[] = {\n";
  for (auto t : plan.text) out << "    {" << c_literal(t) << ", " << t.size() << "},\n";
  out << "};\nconstexpr unsigned char kRegex[] = {";
  for (char r : plan.regex) out << (r ? "1," : "0,");
  out << "};\nconstexpr int kStart[] = {";
  size_t at = 0;
  for (auto& ids : plan.patterns) {
    out << at << ",";
    at += ids.size();
  }
  out << at << "};\nconstexpr int kPatterns[] = {";
  for (auto& ids : plan.patterns)
    for (int id : ids) out << id << ",";
  if (at == 0) out << "0";
  out << "};\nconstexpr std::string_view kLiterals[] = {\n";
  for (auto l : plan.literals) out << "    {" << c_literal(l) << ", " << l.size() << "},\n";
  if (plan.literals.empty()) out << "    {},\n";
  out << "};\nconstexpr char kDatabase[] =\n    " << c_literal(bytes) << ";\n}  // namespace\n\n"
      << "MemberTables member_tables() {\n"
      << "  return {kText, kRegex, kStart, std::span<const int>(kPatterns, " << at << "),\n"
      << "          std::span<const std::string_view>(kLiterals, " << plan.literals.size() << ")};\n}\n"
      << "std::string_view first_pass_database() { return {kDatabase, sizeof kDatabase - 1}; }\n"
      << "}  // namespace od::catalogue::generated\n";
  return out.str();
}

std::string str_array(const std::string& name, const std::vector<std::string>& items) {
  std::string s = "constexpr std::string_view " + name + "[] = {";
  for (auto& i : items) s += lit(i) + ", ";
  if (items.empty()) s += "\"\"";
  return s + "};\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string first_pass_path;
  if (args.size() >= 2 && args[0] == "--first-pass") {
    first_pass_path = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.size() >= 2 && args[0] == "--rule-ids") {
    // Comma- or semicolon-separated (a CMake list passes as one argument either way).
    check_rule_ids = true;
    std::string id;
    for (char c : args[1] + ",") {
      if (c == ',' || c == ';') {
        if (!id.empty()) rule_ids.insert(id);
        id.clear();
      } else if (c != ' ') {
        id += c;
      }
    }
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.empty()) {
    std::cerr << "usage: od-catalogue-gen [--first-pass DB.cpp] [--rule-ids OD1001,OD1002,...] OUT.cpp FILE.yaml...\n";
    return 2;
  }
  std::string out_path = args[0];
  std::vector<std::string> files(args.begin() + 1, args.end());
  std::sort(files.begin(), files.end());
  std::ostringstream arrays, entries, families, predictions, providers;
  // The first pass's required literals of every pattern, worked out here rather than at every
  // start of the program: entries' patterns in catalogue order, then the families'.
  std::vector<std::vector<std::string>> entry_literals, family_literals;
  std::vector<std::string> entry_patterns, family_patterns;  // the same order
  std::set<std::string> codes;
  struct PendingPrediction {
    std::string file, provider, category, code;
    YAML::Node where;
  };
  std::vector<PendingPrediction> pending;
  int n = 0;
  for (auto& f : files) {
    file_name = f;
    YAML::Node doc;
    try {
      doc = YAML::LoadFile(f);
    } catch (const YAML::Exception& e) {
      std::cerr << f << ":" << e.mark.line + 1 << ":" << e.mark.column + 1 << ": " << e.msg << "\n";
      return 1;
    }
    if (!doc.IsMap()) die(doc, "a catalogue file must be a mapping");
    std::string provider = scalar(doc, "provider", true);
    std::string stem = std::filesystem::path(f).stem().string();
    if (provider != stem) die(doc["provider"], "provider `" + provider + "` must equal the file name `" + stem + "`");
    providers << "    {" << lit(provider) << ", " << lit(scalar(doc, "display", true)) << "},\n";
    if (auto fam = doc["families"]) {
      for (auto item : fam) {
        std::string pat = scalar(item, "pattern", true);
        check_regex(item, pat, 1);
        family_literals.push_back(od::catalogue::required_literals(pat));
        family_patterns.push_back(pat);
        families << "    {" << lit(provider) << ", " << lit(pat) << ", " << lit(scalar(item, "code", true)) << ", "
                 << lit(scalar(item, "reference", false)) << "},\n";
      }
    }
    if (auto pr = doc["predicts"]) {
      if (!pr.IsMap()) die(pr, "`predicts` must map categories to codes");
      for (auto it = pr.begin(); it != pr.end(); ++it) {
        std::string cat = it->first.Scalar();
        if (!od::is_category(cat)) die(it->first, "unknown category `" + cat + "`");
        pending.push_back({f, provider, cat, it->second.Scalar(), it->second});
      }
    }
    auto list_node = doc["entries"];
    if (!list_node || !list_node.IsSequence()) die(doc, "`entries` must be a list");
    for (auto e : list_node) {
      std::string code = scalar(e, "code", true);
      if (!codes.insert(code).second) die(e, "duplicate code `" + code + "` across the catalogue");
      std::string cat = scalar(e, "category", true);
      if (!od::is_category(cat)) die(e["category"], "unknown category `" + cat + "`");
      auto pats = list(e, "match");
      if (pats.empty()) die(e, "entry `" + code + "` has no `match` patterns");
      for (auto& p : pats) check_regex(e["match"], p, -1);
      for (auto& p : pats) entry_literals.push_back(od::catalogue::required_literals(p));
      entry_patterns.insert(entry_patterns.end(), pats.begin(), pats.end());
      std::string id = "e" + std::to_string(n++);
      arrays << str_array(id + "_pat", pats);
      arrays << str_array(id + "_causes", list(e, "causes"));
      arrays << str_array(id + "_fix", list(e, "fix"));
      std::set<std::string> linked;
      auto rules = rule_list(e, "rules", linked);
      auto caused_by = rule_list(e, "caused_by", linked);
      arrays << str_array(id + "_rules", rules);
      arrays << str_array(id + "_caused_by", caused_by);
      arrays << "constexpr Extractor " << id << "_ext[] = {";
      size_t n_ext = 0;
      if (auto ex = e["extract"]) {
        if (!ex.IsMap()) die(ex, "`extract` must map names to patterns");
        for (auto it = ex.begin(); it != ex.end(); ++it) {
          check_regex(it->second, it->second.Scalar(), 1);
          arrays << "{" << lit(it->first.Scalar()) << ", " << lit(it->second.Scalar()) << "}, ";
          ++n_ext;
        }
      }
      if (!n_ext) arrays << "{\"\", \"\"}";
      arrays << "};\n";
      auto span = [&](const std::string& a, size_t count) {
        return "std::span<const std::string_view>(" + a + ", " + std::to_string(count) + ")";
      };
      entries << "    {" << lit(provider) << ", " << lit(code) << ", " << lit(cat) << ", "
              << lit(scalar(e, "title", true)) << ", " << lit(scalar(e, "wording", false)) << ", "
              << lit(scalar(e, "meaning", true)) << ", " << lit(scalar(e, "reference", false)) << ", "
              << span(id + "_pat", pats.size()) << ", std::span<const Extractor>(" << id << "_ext, " << n_ext << "), "
              << span(id + "_causes", list(e, "causes").size()) << ", " << span(id + "_fix", list(e, "fix").size())
              << ", " << span(id + "_rules", rules.size()) << ", " << span(id + "_caused_by", caused_by.size())
              << "},\n";
    }
  }
  for (auto& p : pending) {
    if (!codes.count(p.code)) {
      file_name = p.file;
      die(p.where, "predicts `" + p.category + "` with code `" + p.code + "`, which no entry defines");
    }
    predictions << "    {" << lit(p.provider) << ", " << lit(p.category) << ", " << lit(p.code) << "},\n";
  }
  std::ostringstream literals;
  entry_literals.insert(entry_literals.end(), family_literals.begin(), family_literals.end());
  entry_patterns.insert(entry_patterns.end(), family_patterns.begin(), family_patterns.end());
  for (size_t k = 0; k < entry_literals.size(); ++k) arrays << str_array("lit" + std::to_string(k), entry_literals[k]);
  for (size_t k = 0; k < entry_literals.size(); ++k)
    literals << "    std::span<const std::string_view>(lit" << k << ", " << entry_literals[k].size() << "),\n";
  std::ostringstream out;
  out << "// Generated by od-catalogue-gen from rules/catalogue/*.yaml; do not edit.\n"
      << "#include \"catalogue/catalogue.h\"\n\nnamespace od::catalogue::generated {\nnamespace {\n"
      << arrays.str() << "constexpr Entry kEntries[] = {\n"
      << entries.str() << "    {}};\n"
      << "constexpr Family kFamilies[] = {\n"
      << families.str() << "    {}};\n"
      << "constexpr Prediction kPredictions[] = {\n"
      << predictions.str() << "    {}};\n"
      << "constexpr std::span<const std::string_view> kLiterals[] = {\n"
      << literals.str() << "    {}};\n"
      << "constexpr ProviderFile kProviders[] = {\n"
      << providers.str() << "    {}};\n"
      << "}  // namespace\n"
      << "std::span<const Entry> entries() { return {kEntries, std::size(kEntries) - 1}; }\n"
      << "std::span<const Family> families() { return {kFamilies, std::size(kFamilies) - 1}; }\n"
      << "std::span<const Prediction> predictions() { return {kPredictions, std::size(kPredictions) - 1}; }\n"
      << "std::span<const ProviderFile> providers() { return {kProviders, std::size(kProviders) - 1}; }\n"
      << "std::span<const std::span<const std::string_view>> pattern_literals() {\n"
      << "  return {kLiterals, std::size(kLiterals) - 1};\n}\n"
      << "}  // namespace od::catalogue::generated\n";
  write_if_changed(out_path, out.str());
  if (!first_pass_path.empty()) write_if_changed(first_pass_path, first_pass_source(entry_patterns, entry_literals));
  return 0;
}
