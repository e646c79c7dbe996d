// The function app's one storage account: the Functions host (leases, timers), Durable Functions
// (task hub queues, tables, blobs), the app's own tables, and the deployment package.
// Shared-key access is off: everything authenticates with Entra ID, so there is no key to leak or rotate.

@description('Name of the storage account (3-24 lowercase letters and digits, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the resources.')
param tags object

@description('Redundancy of the storage account.')
param skuName string

@description('Blob container that holds the deployment package the app runs from.')
param packageContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packageContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('Name of the storage account.')
output name string = storage.name

@description('Resource id of the storage account, the scope of the role assignments.')
output id string = storage.id

@description('Blob endpoint as this cloud spells it (the host suffix differs between Azure and Azure China).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue endpoint of this cloud.')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table endpoint of this cloud.')
output tableEndpoint string = storage.properties.primaryEndpoints.table

@description('Name of the deployment package container.')
output packageContainerName string = packageContainer.name
