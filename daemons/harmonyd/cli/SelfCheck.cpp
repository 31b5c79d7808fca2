#include "cli/SelfCheck.hpp"

#include <fmt/format.h>

#include "core/ExitCode.hpp"
#include "health/Readiness.hpp"
#include "integrations/slskd/ClientHttpTransport.hpp"
#include "integrations/slskd/SlskdProbe.hpp"
#include "integrations/spotify/AccountsClient.hpp"
#include "integrations/spotify/SpotifyProbe.hpp"

namespace harmony::harmonyd::cli {

int run_selfcheck(const config::Settings& settings, const SelfCheckOptions& options,
                  std::FILE* out) {
  auto shared = std::make_shared<const config::Settings>(settings);
  integrations::SlskdProbe slskd(settings.slskd_url, settings.slskd_api_key,
                                 settings.dependency_timeout);
  slskd::ClientHttpTransport transport;
  spotify::AccountsClient accounts({settings.spotify.accounts_url, settings.spotify.client_id,
                                    settings.spotify.client_secret, settings.dependency_timeout},
                                   transport);
  integrations::SpotifyProbe spotify(settings.spotify, [&accounts]() -> Result<void> {
    auto token = accounts.client_credentials();
    return token ? Result<void>() : Result<void>(std::move(token).error());
  });
  const health::Readiness readiness([shared] { return shared; },
                                    [&] { return store::inspect_database(settings.database_path); },
                                    slskd, spotify);
  const health::ReadinessReport report = readiness.evaluate();
  if (options.json) {
    fmt::print(out, "{}\n", report.to_json(true).dump(2));
  } else {
    for (const auto& check : report.checks) {
      if (check.failed()) {
        fmt::print(out, "FAIL {}: {} (exit {})\n", check.name, check.problem,
                   exit_code_for(check.kind));
      }
    }
    if (report.ok()) {
      fmt::print(out, "selfcheck: all {} checks passed\n", report.checks.size());
    }
  }
  if (report.ok()) {
    return exit_code::k_ok;
  }
  return options.assert_startup ? report.exit_code() : exit_code::k_failure;
}

}  // namespace harmony::harmonyd::cli
