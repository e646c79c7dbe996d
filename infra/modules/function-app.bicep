// The TwoZones function app: Linux, .NET isolated worker, on an Elastic Premium plan.
//
// Why Elastic Premium: it runs in both Azure and Azure China, accepts linuxFxVersion
// DOTNET-ISOLATED|10.0, keeps warm instances for the timers and Durable orchestrations, and — unlike the
// Consumption plan — can run without an Azure Files content share, whose SMB mount needs an account key.
// Instead the app runs from a package in blob storage that it reads with its managed identity, so the
// storage account can forbid shared-key access altogether.

@description('Name of the function app (globally unique host name).')
param name string

@description('Name of the Elastic Premium plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the resources.')
param tags object

@description('Elastic Premium size.')
param planSku string

@description('Instances kept warm at all times.')
param minimumInstanceCount int

@description('Upper bound of instances the plan may scale out to.')
param maximumInstanceCount int

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account that backs AzureWebJobsStorage.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param packageContainerName string

@description('File name of the deployment package in that container.')
param packageBlobName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Whether the app authenticates to Application Insights with its identity.')
param entraOnlyIngestion bool

@description('Tenant (directory) id of the Entra ID app registration.')
param entraTenantId string

@description('Application (client) id of the Entra ID app registration that represents the API.')
param entraClientId string

@description('Six-field cron expression (UTC) of the weekly digest timer.')
param digestSchedule string

@description('Six-field cron expression (UTC) of the progress snapshot timer.')
param snapshotSchedule string

@description('Webhook the weekly digest is posted to; empty to only store the digest.')
@secure()
param digestWebhookUrl string

@description('Claim that carries the caller\'s app roles.')
param roleClaim string

@description('Claim that carries the caller\'s agency id.')
param agencyClaim string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Every host name below comes from the resources themselves, so the same template works in any cloud.
var endpoints = storage.properties.primaryEndpoints
var packageUrl = '${endpoints.blob}${packageContainerName}/${packageBlobName}'

var telemetryAuthentication = entraOnlyIngestion
  ? [{ name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }]
  : []

var baseAppSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  // Identity-based host storage. The service URIs matter outside the public cloud: from accountName
  // alone the host would build public-cloud host names, so the explicit URIs take precedence.
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: endpoints.blob }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: endpoints.queue }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: endpoints.table }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // Run from a package the app fetches with its identity: no Azure Files content share, no keys.
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: packageUrl }
  { name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID', value: identityId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  // App configuration: Linux app settings cannot contain ':', and '__' maps to ':' in .NET configuration.
  { name: 'TwoZones__DigestSchedule', value: digestSchedule }
  { name: 'TwoZones__SnapshotSchedule', value: snapshotSchedule }
  { name: 'TwoZones__ReconcileSchedule', value: '0 */10 * * * *' }
  { name: 'TwoZones__SealSchedule', value: '0 0 16 * * *' }
  { name: 'TwoZones__DigestWebhookUrl', value: digestWebhookUrl }
  // Callers are identified by App Service Authentication's X-MS-CLIENT-PRINCIPAL header, which the
  // platform sets and strips from outside requests.
  { name: 'TwoZones__Identity__UseClientPrincipal', value: 'true' }
  { name: 'TwoZones__Identity__RoleClaim', value: roleClaim }
  { name: 'TwoZones__Identity__AgencyClaim', value: agencyClaim }
]

var appSettings = concat(baseAppSettings, telemetryAuthentication)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      minimumElasticInstanceCount: minimumInstanceCount
      functionAppScaleLimit: maximumInstanceCount
      healthCheckPath: '/api/health'
      appSettings: appSettings
    }
  }
}

// No FTP or Kudu user name/password: deployments go through Entra ID (az CLI) only.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service Authentication in front of the API: every request except the health probe must carry
// a valid Entra ID token; unauthenticated calls get 401 (no login redirect, this is an API).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/api/health'
      ]
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          // loginEndpoint is this cloud's Entra ID authority (21Vianet's in Azure China).
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Default host name of the function app in this cloud.')
output defaultHostName string = site.properties.defaultHostName

@description('URL of the deployment package the app runs from.')
output packageUrl string = packageUrl
