# The Windows signCommand (tauri.conf.json's bundle.windows.signCommand, written by the release
# workflow only when a signer is configured): signs one file, the app, the console program or an
# installer, with the signer WINDOWS_SIGNER names. Every secret comes from the environment.
#   artifact-signing  Azure Artifact Signing (Microsoft's service; organizations in the countries
#                     Microsoft lists): Microsoft's ArtifactSigning PowerShell module (the renamed
#                     TrustedSigning module; the trusted-signing-cli crate is deprecated)
#   azure-key-vault   an OV/EV code-signing certificate bought from any CA and kept in an Azure Key
#                     Vault (open to a Brazilian company): AzureSignTool
#   signpath          SignPath (free for open-source projects through the SignPath Foundation):
#                     its PowerShell module, which submits the file and waits for it signed
param([Parameter(Mandatory = $true)][string]$File)
$ErrorActionPreference = 'Stop'

function Need([string[]]$names) {
  foreach ($n in $names) {
    if (-not [Environment]::GetEnvironmentVariable($n)) { throw "windows-sign: $n is not set" }
  }
}

switch ($env:WINDOWS_SIGNER) {
  'artifact-signing' {
    Need @('AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID', 'SIGNING_ENDPOINT', 'SIGNING_ACCOUNT', 'SIGNING_PROFILE')
    Import-Module ArtifactSigning
    Invoke-ArtifactSigning -Endpoint $env:SIGNING_ENDPOINT -CodeSigningAccountName $env:SIGNING_ACCOUNT `
      -CertificateProfileName $env:SIGNING_PROFILE -Files $File -FileDigest SHA256 `
      -TimestampRfc3161 'http://timestamp.acs.microsoft.com' -TimestampDigest SHA256
  }
  'azure-key-vault' {
    Need @('AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID', 'KEY_VAULT_URL', 'KEY_VAULT_CERTIFICATE')
    & AzureSignTool sign -kvu $env:KEY_VAULT_URL -kvc $env:KEY_VAULT_CERTIFICATE `
      -kvi $env:AZURE_CLIENT_ID -kvs $env:AZURE_CLIENT_SECRET -kvt $env:AZURE_TENANT_ID `
      -fd sha256 -tr 'http://timestamp.digicert.com' -td sha256 -d 'waba-remover' $File
  }
  'signpath' {
    Need @('SIGNPATH_API_TOKEN', 'SIGNPATH_ORGANIZATION_ID', 'SIGNPATH_PROJECT', 'SIGNPATH_POLICY')
    Import-Module SignPath
    Submit-SigningRequest -ApiToken $env:SIGNPATH_API_TOKEN -OrganizationId $env:SIGNPATH_ORGANIZATION_ID `
      -ProjectSlug $env:SIGNPATH_PROJECT -SigningPolicySlug $env:SIGNPATH_POLICY `
      -InputArtifactPath $File -OutputArtifactPath $File -Force -WaitForCompletion
  }
  default { throw "windows-sign: WINDOWS_SIGNER is '$env:WINDOWS_SIGNER' (artifact-signing, azure-key-vault or signpath)" }
}
if ($LASTEXITCODE -and $LASTEXITCODE -ne 0) { throw "windows-sign: the signer exited with $LASTEXITCODE" }
