// Lets the function app's identity write telemetry to Application Insights, which accepts only
// Entra-authenticated ingestion (local authentication is disabled).

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Name of the function app\'s managed identity; it keys the role assignment names, which must be known before deployment.')
param identityName string

@description('Object id of the function app\'s managed identity.')
param principalId string

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identityName, monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
