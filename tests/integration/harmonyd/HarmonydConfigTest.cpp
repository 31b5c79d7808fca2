// Configuration as harmonyd resolves it: the real files in a CONFIG_DIR and the real process
// environment (set for the duration of each test).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "HarmonydFixture.hpp"
#include "config/Keys.hpp"
#include "config/Settings.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using harmonyd::config::load_settings;

// Sets environment variables and restores them afterwards.
class ScopedEnv {
 public:
  void set(const std::string& key, const std::string& value) {
    const char* old = std::getenv(key.c_str());
    m_saved.emplace_back(key, old ? std::optional<std::string>(old) : std::nullopt);
    ::setenv(key.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
      it->second ? ::setenv(it->first.c_str(), it->second->c_str(), 1)
                 : ::unsetenv(it->first.c_str());
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

struct ConfigDir {
  TempDir dir;
  ScopedEnv env;
  ConfigDir() {
    env.set("HARMONY_PROFILE", "container");
    env.set("CONFIG_DIR", dir.path());
  }
  std::string field(const harmonyd::config::Settings& s, const std::string& key) const {
    for (const auto& shown : s.shown) {
      if (shown.key == key) {
        return shown.value + " @ " + shown.origin;
      }
    }
    return "missing";
  }
};

TEST(HarmonydConfig, EnvironmentBeatsDotEnvBeatsYamlBeatsDefault) {
  ConfigDir c;
  c.dir.write("harmony.yml",
              "security:\n  RATE_LIMIT_BUCKET_CAP: 10\n  RATE_LIMIT_REFILL_PER_SEC: 1\n"
              "  ALLOWED_ORIGINS: http://yaml\n");
  c.dir.write(".env", "RATE_LIMIT_BUCKET_CAP=20\nALLOWED_ORIGINS=http://dotenv\n");
  c.env.set("RATE_LIMIT_BUCKET_CAP", "30");
  auto s = load_settings({});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_DOUBLE_EQ(s->security.rate_limit.capacity, 30);  // environment
  EXPECT_EQ(s->security.allowed_origins,
            std::vector<std::string>{"http://dotenv"});           // .env over YAML
  EXPECT_DOUBLE_EQ(s->security.rate_limit.refill_per_second, 1);  // YAML over default
  EXPECT_EQ(s->port, 8080);                                       // default
  EXPECT_EQ(c.field(*s, "RATE_LIMIT_BUCKET_CAP"), "30 @ environment");
  EXPECT_EQ(c.field(*s, "ALLOWED_ORIGINS"), "http://dotenv @ " + c.dir.path() + "/.env:2");
  EXPECT_EQ(c.field(*s, "APP_PORT"), "8080 @ default");
}

TEST(HarmonydConfig, BadValueNamesKeyAndSource) {
  ConfigDir c;
  c.dir.write(".env", "# comment\nHTTP_WORKERS=lots\n");
  auto s = load_settings({});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::config);
  EXPECT_NE(s.error().message.find("'HTTP_WORKERS' in " + c.dir.path() + "/.env:2"),
            std::string::npos)
      << s.error().message;
}

TEST(HarmonydConfig, DownloadKeysAreValidatedAtStartupNamingTheKey) {
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"EDITION_WORDS", "live, radio edit"},
                                                        {"DOWNLOAD_POLL_INTERVAL", "soon"},
                                                        {"SEARCH_BUDGET", "34 per 220s"}}) {
    ConfigDir c;
    c.env.set(key, value);
    auto s = load_settings({});
    ASSERT_FALSE(s) << key;
    EXPECT_EQ(s.error().kind, ErrorKind::config);
    EXPECT_NE(s.error().message.find("'" + key + "'"), std::string::npos) << s.error().message;
  }
  ConfigDir c;
  c.env.set("EDITION_WORDS", "Live, Remastered");
  auto s = load_settings({});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->downloads.edition_words, (std::vector<std::string>{"live", "remastered"}));
}

TEST(HarmonydConfig, UnknownKeysAreWarnedAboutByName) {
  ConfigDir c;
  c.dir.write("harmony.yml", "core:\n  APP_PROT: 9000\n  CONFIG_DIR: /elsewhere\n");
  auto s = load_settings({});
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->warnings.size(), 2U);
  EXPECT_NE(s->warnings[0].find("unknown key 'APP_PROT'"), std::string::npos) << s->warnings[0];
  EXPECT_NE(s->warnings[1].find("'CONFIG_DIR'"), std::string::npos) << s->warnings[1];
}

TEST(HarmonydConfig, SecretsAreRedactedInTheSnapshot) {
  ConfigDir c;
  c.env.set("HARMONY_API_KEYS", "supersecret");
  c.env.set("SLSKD_API_KEY", "alsosecret");
  auto s = load_settings({});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(c.field(*s, "HARMONY_API_KEYS"), "[redacted] @ environment");
  EXPECT_EQ(c.field(*s, "SLSKD_API_KEY"), "[redacted] @ environment");
}

TEST(HarmonydConfig, LocalProfileUsesVarUnderTheWorkingDirectoryAndLoopback) {
  ScopedEnv env;
  env.set("HARMONY_PROFILE", "local");
  ::unsetenv("CONFIG_DIR");
  auto s = load_settings({});
  ASSERT_TRUE(s) << s.error().message;
  const std::string cwd = std::filesystem::current_path().string();
  EXPECT_EQ(s->config_dir, cwd + "/var/config");
  EXPECT_EQ(s->downloads_dir, cwd + "/var/downloads");
  EXPECT_EQ(s->music_dir, cwd + "/var/music");
  EXPECT_EQ(s->database_path, cwd + "/var/config/harmony.db");
  EXPECT_EQ(s->host, "127.0.0.1");
}

TEST(HarmonydConfig, FirstBootWritesEveryKeyAndLaterBootsNeverOverwrite) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  const std::string file = harmonyd.dirs.config + "/harmony.yml";
  const std::string text = read_file(file);
  for (const auto& key : harmonyd::config::keys()) {
    if (!key.environment_only) {
      EXPECT_NE(text.find("  " + key.name + ": "), std::string::npos) << key.name;
    }
  }
  harmonyd.process->signal(SIGTERM);
  ASSERT_EQ(harmonyd.process->wait_for_exit(5s), 0);

  const std::string mine = "core:\n  HARMONY_LOG_LEVEL: debug\n";
  harmonyd.dirs.root.write("config/harmony.yml", mine);
  harmonyd.start();
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  EXPECT_EQ(read_file(file), mine);
}

TEST(HarmonydConfig, BadValueInDotEnvExits78NamingKeyAndFile) {
  HarmonydDirs dirs;
  std::filesystem::create_directories(dirs.config);
  dirs.root.write("config/.env", "APP_PORT=99999\n");
  auto env = dirs.env(free_loopback_port());
  env.erase("APP_PORT");
  Process harmonyd(k_harmonyd, {}, env);
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 78);
  EXPECT_NE(harmonyd.output().find("'APP_PORT' in " + dirs.config + "/.env:1"), std::string::npos)
      << harmonyd.output();
}

TEST(HarmonydConfig, UnknownProfileExits78) {
  HarmonydDirs dirs;
  auto env = dirs.env(free_loopback_port());
  env["HARMONY_PROFILE"] = "prod";
  Process harmonyd(k_harmonyd, {}, env);
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 78);
  EXPECT_NE(harmonyd.output().find("HARMONY_PROFILE"), std::string::npos) << harmonyd.output();
}

TEST(HarmonydConfig, DocsListEveryKey) {
  const std::string docs = read_file(std::string(HARMONY_SOURCE_DIR) + "/docs/configuration.md");
  for (const auto& key : harmonyd::config::keys()) {
    EXPECT_NE(docs.find("| `" + key.name + "` |"), std::string::npos) << key.name;
  }
}

}  // namespace
}  // namespace harmony::testing
