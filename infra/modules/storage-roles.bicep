// Data-plane roles the function app's identity needs on its storage account, so that
// AzureWebJobsStorage can be identity-based: the Functions host keeps leases and timer state in blobs,
// Durable Functions keeps its task hub in queues, tables and blobs, and the app keeps its data in tables.

@description('Name of the storage account the roles are granted on.')
param storageAccountName string

@description('Name of the function app\'s managed identity; it keys the role assignment names, which must be known before deployment.')
param identityName string

@description('Object id of the function app\'s managed identity.')
param principalId string

@description('Object id of a user, group or service principal that uploads deployment packages; empty for none.')
param deployerPrincipalId string

@description('Kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string

// Built-in role definition ids are the same in every Azure cloud, Azure China included.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageAccountContributor = '17d1049b-9a84-46fb-8f53-869881c3d3ab'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

var appRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
  // Durable Functions' Azure Storage provider manages the task hub's containers, queues and tables.
  storageAccountContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appRoles: {
    scope: storage
    name: guid(storage.id, identityName, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource deployerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: storage
  name: guid(storage.id, deployerPrincipalId, storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}
