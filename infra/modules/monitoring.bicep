// Application Insights in workspace-based mode: the classic (non-workspace) mode is retired, and the
// workspace keeps logs under the city's own retention settings.

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to the resources.')
param tags object

@description('Accept only Entra-authenticated telemetry (the app\'s managed identity); false also accepts the instrumentation key alone.')
param entraOnlyIngestion bool

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // With Entra-only ingestion the instrumentation key in the connection string is not enough to write.
    DisableLocalAuth: entraOnlyIngestion
    IngestionMode: 'LogAnalytics'
  }
}

@description('Resource id of the Application Insights component, for role assignments.')
output appInsightsId string = appInsights.id

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id
