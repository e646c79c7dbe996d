// A sample environment. Values that differ per tenant come from environment variables, so nothing
// tenant-specific or secret is committed:
//   export TWOZONES_ENTRA_CLIENT_ID=<application (client) id of the TwoZones API registration>
//   export TWOZONES_DIGEST_WEBHOOK_URL=<webhook URL, or leave unset>
//   export TWOZONES_DEPLOYER_OBJECT_ID=$(az ad signed-in-user show --query id -o tsv)
using './main.bicep'

param prefix = 'tzdemo'

param entraClientId = readEnvironmentVariable('TWOZONES_ENTRA_CLIENT_ID')

param digestWebhookUrl = readEnvironmentVariable('TWOZONES_DIGEST_WEBHOOK_URL', '')

param deployerPrincipalId = readEnvironmentVariable('TWOZONES_DEPLOYER_OBJECT_ID', '')

param deployerPrincipalType = 'User'

// The agency is a directory extension attribute registered on the TwoZones app ("agency") and emitted as
// an optional claim; Entra ID names such claims extn.<attribute> in JWTs.
param agencyClaim = 'extn.agency'

param digestSchedule = '0 0 1 * * Mon'

param snapshotSchedule = '0 0 * * * *'

param tags = {
  application: 'TwoZones'
  environment: 'demo'
}
