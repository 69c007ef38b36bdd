# Homebrew cask: the universal .dmg of the release. The release workflow's `homebrew` job fills
# the version and the SHA-256 from the tag and opens a pull request on the tap named by the
# HOMEBREW_TAP variable when the HOMEBREW_TAP_TOKEN secret exists (`README.md`, "Installers").
cask "waba-remover" do
  version "0.1.0"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"

  url "https://github.com/OWNER/REPO/releases/download/v#{version}/waba-remover_#{version}_universal.dmg"
  name "Remover número da BM"
  desc "Remove a WhatsApp Business number and its account from Meta, step by step"
  homepage "https://github.com/OWNER/REPO"

  depends_on macos: ">= :catalina"

  app "waba-remover.app"
  binary "#{appdir}/waba-remover.app/Contents/MacOS/waba-remover"

  zap trash: [
    "~/Library/Application Support/br.com.wabaremover",
    "~/Library/Caches/br.com.wabaremover",
  ]
end
