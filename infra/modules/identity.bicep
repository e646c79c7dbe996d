// The one identity the function app uses for everything it reaches: host storage, Durable state, the
// deployment package and Application Insights. User-assigned, so role assignments can be made before
// the app exists and survive a re-created app.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the app\'s identity block and WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID.')
output id string = identity.id

@description('Client (application) id, for AzureWebJobsStorage__clientId.')
output clientId string = identity.properties.clientId

@description('Object (principal) id, for role assignments.')
output principalId string = identity.properties.principalId
