// TwoZones in Azure or Azure China: a Linux .NET isolated function app on Elastic Premium, its storage
// account (host, Durable Functions, app tables, deployment package), Application Insights on a Log
// Analytics workspace, and the managed identity that ties them together without any account key.
// Deploy into an existing resource group:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names (2-8 letters or digits), e.g. the environment name.')
@minLength(2)
@maxLength(8)
param prefix string

@description('Azure region; defaults to the resource group\'s. In Azure China use chinanorth3 or chinaeast2.')
param location string = resourceGroup().location

@description('Tenant (directory) id of the Entra ID app registration; defaults to the deployment\'s tenant.')
param entraTenantId string = tenant().tenantId

@description('Application (client) id of the Entra ID app registration that represents the TwoZones API.')
@minLength(36)
@maxLength(36)
param entraClientId string

@description('Claim that carries the caller\'s app roles (TwoZones.Viewer, TwoZones.Official, TwoZones.Coordinator).')
param roleClaim string = 'roles'

@description('Claim that carries the caller\'s agency id, e.g. an optional claim or directory extension.')
param agencyClaim string = 'agency'

@description('Six-field cron expression (UTC) of the weekly digest; the default is Monday 09:00 Beijing time.')
param digestSchedule string = '0 0 1 * * Mon'

@description('Six-field cron expression (UTC) of the progress snapshot; hourly by default.')
param snapshotSchedule string = '0 0 * * * *'

@description('Webhook the weekly digest is posted to (it may embed a secret); empty to only store digests.')
@secure()
param digestWebhookUrl string = ''

@description('Elastic Premium size.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Instances kept warm at all times.')
@minValue(1)
@maxValue(20)
param minimumInstanceCount int = 1

@description('Upper bound of instances the app may scale out to.')
@minValue(1)
@maxValue(100)
param maximumInstanceCount int = 10

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSku string = 'Standard_LRS'

@description('Application Insights accepts only telemetry the app sends with its managed identity. Set false where Entra-authenticated ingestion is not offered.')
param appInsightsEntraOnlyIngestion bool = true

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('Object id of the user, group or pipeline identity that uploads deployment packages; empty to grant nobody.')
param deployerPrincipalId string = ''

@description('Kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

@description('Tags applied to every resource.')
param tags object = {
  application: 'TwoZones'
}

var token = uniqueString(resourceGroup().id)
var packageContainerName = 'app-package'
var packageBlobName = 'twozones.zip'
// Names are computed here, not taken from module outputs, so What-If can predict every resource.
var identityName = '${prefix}-id-${token}'
var storageAccountName = take('${prefix}st${token}', 24)
var appInsightsName = '${prefix}-appi-${token}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSku
    packageContainerName: packageContainerName
  }
}

module storageRoles 'modules/storage-roles.bicep' = {
  name: 'storage-roles'
  params: {
    storageAccountName: storageAccountName
    identityName: identityName
    principalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
  dependsOn: [
    storage
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${prefix}-log-${token}'
    appInsightsName: appInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    entraOnlyIngestion: appInsightsEntraOnlyIngestion
  }
}

module monitoringRoles 'modules/monitoring-roles.bicep' = {
  name: 'monitoring-roles'
  params: {
    appInsightsName: appInsightsName
    identityName: identityName
    principalId: identity.outputs.principalId
  }
  dependsOn: [
    monitoring
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: '${prefix}-func-${token}'
    planName: '${prefix}-plan-${token}'
    location: location
    tags: tags
    planSku: planSku
    minimumInstanceCount: minimumInstanceCount
    maximumInstanceCount: maximumInstanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    packageContainerName: storage.outputs.packageContainerName
    packageBlobName: packageBlobName
    appInsightsName: appInsightsName
    entraOnlyIngestion: appInsightsEntraOnlyIngestion
    entraTenantId: entraTenantId
    entraClientId: entraClientId
    digestSchedule: digestSchedule
    snapshotSchedule: snapshotSchedule
    digestWebhookUrl: digestWebhookUrl
    roleClaim: roleClaim
    agencyClaim: agencyClaim
  }
  // The host reads storage with the identity as soon as it starts.
  dependsOn: [
    monitoring
    storageRoles
    monitoringRoles
  ]
}

@description('Name of the function app (for az functionapp commands).')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the API.')
output apiBaseUrl string = 'https://${functionApp.outputs.defaultHostName}/api'

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Container the deployment package is uploaded to.')
output packageContainerName string = packageContainerName

@description('Blob name the deployment package must be uploaded as.')
output packageBlobName string = packageBlobName

@description('URL the app runs its package from.')
output packageUrl string = functionApp.outputs.packageUrl

@description('Client id of the app\'s managed identity.')
output identityClientId string = identity.outputs.clientId
